// Open-loop load for bench/cluster-bench.sh: checks, client events and downloads at fixed rates
// through one base URL (the load balancer), for a warm-up and a measured run, with every latency
// measured from the moment the request was due (not from when a thread got to it), so a stall on
// the server side shows in full instead of slowing the load down (no coordinated omission).
//
//   java bench/ClusterLoad.java --base http://127.0.0.1:PORT --app default \
//     --check-rate 4600 --event-rate 460 --event-batch 2 --download-rate 1 \
//     --warmup 60 --duration 600 --kill-at 180 --restart-at 360 \
//     --artifacts FILE --out DIR
//
// FILE has one line per hosted artifact: "<sha256> <name> <local path>"; downloads pick them in
// turn, follow the node's 302 to the store, and compare what arrives with the local file (every
// other download asks for the second half with a Range header, as a resuming client does).
// DIR receives summary.md (tables), timeline.csv (per --timeline-step seconds, default 10) and accepted-events.txt (every event id
// a 202 answered, warm-up included), which the script then looks up in the database.
//
// --prewarm S first drives the same load for S seconds at a stand-in server inside this JVM (which
// answers every check 200 and every event batch 202 at once), so that the driver's own code is
// compiled before the measured load; --start-when-ready then polls the base's
// /api/system/ready every 5 ms and begins the moment it answers 200 (for bench/first-seconds-bench.sh,
// which measures a node's first seconds of traffic).
//
// Plain JDK, one file, no dependencies. Checks and events are sent by one thread over non-blocking
// keep-alive connections (up to --max-in-flight per kind, default 1024; past that, due requests wait
// and the wait counts in their latency); downloads, one a second, use blocking sockets on threads.
// Device ids are drawn at random from --devices (default 100 000 000).

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

public final class ClusterLoad {
  static final String[] EVENT_TYPES = {
    "download_started", "download_completed", "install_started", "install_succeeded", "app_started"
  };

  final Map<String, String> opts;
  final String host;
  final int port;
  final String app;
  final long devices;
  final String runId = Long.toString(System.currentTimeMillis(), 36);
  final List<Artifact> artifacts = new ArrayList<>();
  final ConcurrentLinkedQueue<String> acceptedEvents = new ConcurrentLinkedQueue<>();
  final AtomicLong eventSeq = new AtomicLong();
  final AtomicLong downloadSeq = new AtomicLong();
  volatile long measuredStartNanos;

  record Artifact(String sha256, String name, byte[] bytes) {}

  ClusterLoad(Map<String, String> opts) throws IOException {
    this.opts = opts;
    URI base = URI.create(opts.get("base"));
    host = base.getHost();
    port = base.getPort();
    app = opts.getOrDefault("app", "default");
    devices = Long.parseLong(opts.getOrDefault("devices", "100000000"));
    if (opts.containsKey("artifacts")) {
      for (String line : Files.readAllLines(Path.of(opts.get("artifacts")))) {
        String[] f = line.trim().split("\\s+");
        if (f.length == 3) artifacts.add(new Artifact(f[0], f[1], Files.readAllBytes(Path.of(f[2]))));
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --name value: " + args[i]);
      opts.put(args[i].substring(2), args[i + 1]);
    }
    if (!opts.containsKey("base") || !opts.containsKey("out")) {
      System.err.println("usage: java bench/ClusterLoad.java --base URL --out DIR [options]; see the file's head");
      System.exit(2);
    }
    if (opts.containsKey("prewarm")) {
      prewarm(opts);
      System.err.println("load: prewarmed");
    }
    if (opts.containsKey("start-when-ready")) waitUntilReady(URI.create(opts.get("base")));
    new ClusterLoad(opts).run();
  }

  /** The load of opts for --prewarm seconds at a stand-in that answers at once; nothing is kept. */
  static void prewarm(Map<String, String> opts) throws Exception {
    com.sun.net.httpserver.HttpServer standIn =
        com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    standIn.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        boolean events = exchange.getRequestURI().getPath().endsWith("/events");
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(events ? 202 : 200, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    standIn.setExecutor(Executors.newFixedThreadPool(2));
    standIn.start();
    Path out = Files.createTempDirectory("cluster-load-prewarm");
    try {
      Map<String, String> warm = new HashMap<>(opts);
      warm.keySet().removeAll(List.of("prewarm", "start-when-ready", "artifacts", "kill-at", "restart-at"));
      warm.put("base", "http://127.0.0.1:" + standIn.getAddress().getPort());
      warm.put("out", out.toString());
      warm.put("warmup", "0");
      warm.put("duration", opts.get("prewarm"));
      System.err.println("load: prewarming the driver for " + opts.get("prewarm") + " s at a stand-in");
      new ClusterLoad(warm).run();
    } finally {
      standIn.stop(0);
      ((ExecutorService) standIn.getExecutor()).shutdownNow();
      try (var files = Files.walk(out)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Polls base's /api/system/ready every 5 ms until it answers 200 (at most 10 minutes). */
  static void waitUntilReady(URI base) throws Exception {
    URI ready = base.resolve("/api/system/ready");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      try {
        HttpURLConnection c = (HttpURLConnection) ready.toURL().openConnection();
        c.setConnectTimeout(200);
        c.setReadTimeout(1000);
        int status = c.getResponseCode();
        c.getInputStream().close();
        if (status == 200) return;
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(5);
    }
    throw new IOException(ready + " did not answer 200 within 10 minutes");
  }

  static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
  }

  double num(String name, String fallback) {
    return Double.parseDouble(opts.getOrDefault(name, fallback));
  }

  void run() throws Exception {
    Path out = Path.of(opts.get("out"));
    Files.createDirectories(out);
    long warmup = TimeUnit.SECONDS.toNanos((long) num("warmup", "60"));
    long duration = TimeUnit.SECONDS.toNanos((long) num("duration", "600"));
    int maxInFlight = (int) num("max-in-flight", "1024");
    Stream checks = new Stream("checks", num("check-rate", "4600"), null, this::check);
    double eventRequests = num("event-rate", "460") / num("event-batch", "2");
    Stream events = new Stream("events", eventRequests, null, this::events);
    Stream downloads = new Stream("downloads", artifacts.isEmpty() ? 0 : num("download-rate", "1"), this::download, null);
    List<Stream> streams = List.of(checks, events, downloads);
    ExecutorService pool = Executors.newCachedThreadPool();
    long begin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    long end = begin + warmup + duration;
    measuredStartNanos = begin + warmup;
    List<Thread> schedulers = new ArrayList<>();
    Engine engine = new Engine(List.of(checks, events).stream().filter(s -> s.rate > 0).toList(), maxInFlight, begin, end);
    Thread engineThread = new Thread(engine::runUnchecked, "engine");
    engineThread.start();
    schedulers.add(engineThread);
    if (downloads.rate > 0) {
      Thread t = new Thread(() -> downloads.schedule(pool, maxInFlight, begin, end), "downloads-scheduler");
      t.start();
      schedulers.add(t);
    }
    long startEpochMs = System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(measuredStartNanos - System.nanoTime());
    Files.writeString(out.resolve("measured-start-epoch-ms"), Long.toString(startEpochMs));
    System.err.printf(Locale.ROOT, "load: warm-up %d s, then measured %d s from epoch ms %d%n",
        TimeUnit.NANOSECONDS.toSeconds(warmup), TimeUnit.NANOSECONDS.toSeconds(duration), startEpochMs);
    LockSupport.parkNanos(measuredStartNanos - System.nanoTime());
    long cpuAtStart = cpuNanos();
    schedulers.get(0).join(TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + 1000);
    // the driver's own CPU over the measured run, for the report (the script cannot read it from
    // /proc once the driver has exited)
    Files.writeString(out.resolve("driver-cpu-ms"), Long.toString((cpuNanos() - cpuAtStart) / 1_000_000));
    for (Thread t : schedulers) t.join(); // the engine ends once every request it sent is answered
    pool.shutdown();
    pool.awaitTermination(300, TimeUnit.SECONDS);
    Files.write(out.resolve("accepted-events.txt"), acceptedEvents);
    Report report = new Report(streams, (long) num("kill-at", "-1"), (long) num("restart-at", "-1"),
        TimeUnit.NANOSECONDS.toSeconds(duration));
    Files.writeString(out.resolve("summary.md"), report.summary(acceptedEvents.size()));
    Files.writeString(out.resolve("timeline.csv"), report.timeline((int) num("timeline-step", "10")));
    System.out.print(report.summary(acceptedEvents.size()));
  }

  // ---- the three kinds of request -------------------------------------------------------------

  interface Call {
    /** Sends one request; answers the outcome label ("ok" or what went wrong). */
    String call(Connection c) throws IOException;
  }

  Request check() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String platform = r.nextInt(10) < 7 ? "android" : "linux";
    String version = r.nextInt(10) < 8 ? "1.0.0+1" : "1.1.0+2";
    String body = "{\"platform\":\"" + platform + "\",\"current_version\":\"" + version
        + "\",\"channel\":\"stable\",\"device_id\":\"dev-" + r.nextLong(devices) + "\"}";
    return new Request(post("/api/v1/apps/" + app + "/check", body), (status, answer) -> {
      if (status != 200) return "http " + status;
      return new String(answer, StandardCharsets.UTF_8).contains("\"ok\":true") ? "ok" : "bad body";
    });
  }

  Request events() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    int batch = (int) num("event-batch", "2");
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String device = "dev-" + r.nextLong(devices);
    String platform = r.nextInt(10) < 7 ? "android" : "linux";
    List<String> ids = new ArrayList<>(batch);
    StringBuilder body = new StringBuilder("{\"events\":[");
    for (int i = 0; i < batch; i++) {
      String id = "cb-" + runId + "-" + eventSeq.incrementAndGet();
      ids.add(id);
      if (i > 0) body.append(',');
      body.append("{\"event_id\":\"").append(id).append("\",\"type\":\"")
          .append(EVENT_TYPES[r.nextInt(EVENT_TYPES.length)])
          .append("\",\"platform\":\"").append(platform)
          .append("\",\"channel\":\"stable\",\"version\":\"1.1.0\",\"version_code\":2,")
          .append("\"from_version\":\"1.0.0\",\"from_version_code\":1,\"device_id\":\"")
          .append(device).append("\",\"occurred_at\":\"").append(now).append("\"}");
    }
    body.append("]}");
    return new Request(post("/api/v1/apps/" + app + "/events", body.toString()), (status, answer) -> {
      if (status != 202) return "http " + status;
      acceptedEvents.addAll(ids);
      return "ok";
    });
  }

  /** One HTTP/1.1 POST of a JSON body, head and body in one buffer (one write, one segment). */
  byte[] post(String path, String json) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
        + "\r\nContent-Type: application/json\r\nContent-Length: " + payload.length + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    byte[] bytes = Arrays.copyOf(head, head.length + payload.length);
    System.arraycopy(payload, 0, bytes, head.length, payload.length);
    return bytes;
  }

  String download(Connection c) throws IOException {
    long n = downloadSeq.getAndIncrement();
    Artifact a = artifacts.get((int) (n % artifacts.size()));
    int from = n % 2 == 0 ? 0 : a.bytes.length / 2;
    String range = from == 0 ? null : "bytes=" + from + "-";
    Response res = c.get("/downloads/" + a.sha256 + "/" + a.name, range);
    byte[] got;
    if (res.status == 302 || res.status == 307) {
      got = follow(res.header("location"), range);
      if (got == null) return "store refused";
    } else if (res.status == 200 || res.status == 206) {
      got = res.body;
    } else {
      return "http " + res.status;
    }
    byte[] want = Arrays.copyOfRange(a.bytes, from, a.bytes.length);
    return Arrays.equals(got, want) ? "ok" : "wrong bytes";
  }

  static byte[] follow(String location, String range) throws IOException {
    HttpURLConnection conn = (HttpURLConnection) URI.create(location).toURL().openConnection();
    conn.setConnectTimeout(5000);
    conn.setReadTimeout(30000);
    if (range != null) conn.setRequestProperty("Range", range);
    int status = conn.getResponseCode();
    if (status != (range == null ? 200 : 206)) return null;
    try (InputStream in = conn.getInputStream()) {
      return in.readAllBytes();
    }
  }

  // ---- scheduling and recording ---------------------------------------------------------------

  /** A kind of request at a fixed rate: sent by the {@link Engine} or, for downloads, by threads. */
  final class Stream {
    final String name;
    final double rate;
    final Call call; // blocking (downloads), or null
    final Supplier<Request> build; // for the engine (checks, events), or null
    final Samples samples = new Samples();
    final AtomicLong warmupErrors = new AtomicLong();
    final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    // the engine's state, touched by its thread only
    double next;
    int inFlight;
    final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    final ArrayDeque<Engine.Conn> ready = new ArrayDeque<>();

    Stream(String name, double rate, Call call, Supplier<Request> build) {
      this.name = name;
      this.rate = rate;
      this.call = call;
      this.build = build;
    }

    /**
     * When the request after one due at {@code due} is due. The warm-up ramps from 10 % to the full
     * rate, so that the compilers of fresh JVMs sharing two cores do not start the measured run with
     * a backlog; the measured run is at the full rate.
     */
    double after(double due, long begin) {
      double warmup = measuredStartNanos - begin;
      double share = due >= measuredStartNanos ? 1 : 0.1 + 0.9 * (due - begin) / warmup;
      return due + 1e9 / rate / share;
    }

    void schedule(ExecutorService pool, int maxInFlight, long begin, long end) {
      Semaphore inFlight = new Semaphore(maxInFlight);
      double next = begin;
      while (true) {
        long due = (long) next;
        if (due >= end) return;
        next = after(next, begin);
        long wait = due - System.nanoTime();
        if (wait > 0) LockSupport.parkNanos(wait);
        inFlight.acquireUninterruptibly();
        pool.execute(() -> {
          try {
            once(due);
          } finally {
            inFlight.release();
          }
        });
      }
    }

    void once(long due) {
      String outcome;
      Connection c = idle.pollFirst();
      if (c == null) c = new Connection(host, port);
      try {
        outcome = call.call(c);
        idle.offerFirst(c);
      } catch (IOException e) {
        c.close();
        outcome = describe(e);
      }
      record(due, outcome);
    }

    void record(long due, String outcome) {
      long done = System.nanoTime();
      if (due < measuredStartNanos && !outcome.equals("ok")) {
        warmupErrors.incrementAndGet();
        return;
      }
      // answers to warm-up requests are kept (due before 0) for the answers per second by arrival
      // time; latencies and failures count the measured run's requests only
      samples.add(Math.floorDiv(due - measuredStartNanos, 1_000_000L), (done - due) / 1000, outcome);
    }
  }

  static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  // ---- checks and events: one thread, non-blocking keep-alive connections --------------------

  /** What to send, and how to judge the answer ("ok" or what went wrong). */
  record Request(byte[] bytes, Judge judge) {}

  interface Judge {
    String judge(int status, byte[] body);
  }

  /** A request that was due: sent when a connection is free, retried once when a stale one fails. */
  static final class Pending {
    final Stream stream;
    final long due;
    final Request request;
    boolean retried;

    Pending(Stream stream, long due, Request request) {
      this.stream = stream;
      this.due = due;
      this.request = request;
    }
  }

  /**
   * Sends every check and event from one thread over non-blocking sockets: a request is written
   * when it is due (the selector wakes at most 1 ms late, and that lateness counts in its latency),
   * its answer read when it arrives. A thread per request in flight cost the driver about half a
   * core at 4 600 requests/s (two wake-ups and context switches per request); this costs a
   * fraction of that, which the servers get. Up to {@code maxInFlight} requests per kind are in
   * flight, each on its own keep-alive connection; past that, due requests wait in order, and the
   * wait counts in their latency.
   */
  final class Engine {
    static final long CONNECT_TIMEOUT = TimeUnit.SECONDS.toNanos(5);
    static final long ANSWER_TIMEOUT = TimeUnit.SECONDS.toNanos(30);
    static final int MAX_ANSWER = 1 << 20;

    final List<Stream> streams;
    final int maxInFlight;
    final long begin;
    final long end;
    final Selector selector;
    final InetSocketAddress address;
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    final Set<Conn> busy = new HashSet<>();
    long lastExpiry;

    Engine(List<Stream> streams, int maxInFlight, long begin, long end) throws IOException {
      this.streams = streams;
      this.maxInFlight = maxInFlight;
      this.begin = begin;
      this.end = end;
      this.selector = Selector.open();
      this.address = new InetSocketAddress(host, port);
    }

    void runUnchecked() {
      try {
        run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void run() throws IOException {
      for (Stream s : streams) s.next = begin;
      while (true) {
        long now = System.nanoTime();
        long nextDue = Long.MAX_VALUE;
        boolean open = false;
        for (Stream s : streams) {
          while (s.next < end && (long) s.next <= now) {
            long due = (long) s.next;
            s.next = s.after(s.next, begin);
            s.waiting.add(new Pending(s, due, s.build.get()));
          }
          while (!s.waiting.isEmpty() && s.inFlight < maxInFlight) send(s.waiting.poll());
          if (s.next < end) nextDue = Math.min(nextDue, (long) s.next);
          open |= s.next < end || s.inFlight > 0 || !s.waiting.isEmpty();
        }
        if (!open) break;
        if (now - lastExpiry > TimeUnit.MILLISECONDS.toNanos(100)) expire(now);
        long waitMs = Math.min(100, (nextDue - System.nanoTime() + 999_999) / 1_000_000);
        if (waitMs <= 0) selector.selectNow();
        else selector.select(waitMs);
        for (SelectionKey key : selector.selectedKeys()) handle(key);
        selector.selectedKeys().clear();
      }
      for (Stream s : streams) for (Conn c : s.ready) c.close();
      selector.close();
    }

    void send(Pending p) {
      Stream s = p.stream;
      s.inFlight++;
      Conn c = p.retried ? null : s.ready.pollFirst(); // a retry goes out on a new connection
      try {
        if (c == null) c = new Conn(s);
      } catch (IOException e) {
        s.inFlight--;
        s.record(p.due, describe(e));
        return;
      }
      c.start(p);
    }

    void handle(SelectionKey key) {
      Conn c = (Conn) key.attachment();
      try {
        if (!key.isValid()) return;
        if (key.isConnectable()) {
          c.channel.finishConnect();
          c.deadline = System.nanoTime() + ANSWER_TIMEOUT;
          c.write();
        } else if (key.isWritable()) {
          c.write();
        } else if (key.isReadable()) {
          c.read();
        }
      } catch (IOException e) {
        c.fail(e, true);
      }
    }

    void expire(long now) {
      lastExpiry = now;
      for (Conn c : List.copyOf(busy)) {
        if (now > c.deadline) {
          c.fail(new SocketTimeoutException(c.connected ? "no answer within 30 s" : "connect timed out"), false);
        }
      }
    }

    /** One keep-alive connection: idle in its stream's {@code ready} list, or busy with a request. */
    final class Conn {
      final Stream stream;
      final SocketChannel channel;
      final SelectionKey key;
      boolean connected;
      int answered; // requests answered on this connection
      Pending pending;
      ByteBuffer out;
      byte[] in = new byte[2048];
      int length;
      long deadline;

      Conn(Stream stream) throws IOException {
        this.stream = stream;
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        connected = channel.connect(address);
        key = channel.register(selector, connected ? 0 : SelectionKey.OP_CONNECT, this);
      }

      void start(Pending p) {
        pending = p;
        length = 0;
        out = ByteBuffer.wrap(p.request.bytes());
        busy.add(this);
        deadline = System.nanoTime() + (connected ? ANSWER_TIMEOUT : CONNECT_TIMEOUT);
        if (connected) {
          try {
            write();
          } catch (IOException e) {
            fail(e, true);
          }
        }
      }

      void write() throws IOException {
        connected = true;
        channel.write(out);
        key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
      }

      void read() throws IOException {
        while (true) {
          readBuffer.clear();
          int n = channel.read(readBuffer);
          if (n < 0) {
            if (pending == null) { // the other side closed an idle connection
              stream.ready.remove(this);
              close();
              return;
            }
            throw length == 0 ? new StaleConnection() : new IOException("connection closed mid-answer");
          }
          if (n == 0) break;
          if (pending == null) throw new IOException("bytes on an idle connection");
          if (length + n > MAX_ANSWER) throw new IOException("answer over " + MAX_ANSWER + " bytes");
          if (length + n > in.length) in = Arrays.copyOf(in, Math.max(length + n, in.length * 2));
          readBuffer.flip();
          readBuffer.get(in, length, n);
          length += n;
          if (n < readBuffer.capacity()) break;
        }
        if (pending == null) return;
        Answer answer = Answer.parse(in, length);
        if (answer != null) complete(answer);
      }

      void complete(Answer answer) {
        Pending p = pending;
        pending = null;
        answered++;
        busy.remove(this);
        stream.inFlight--;
        if (answer.close()) {
          close();
        } else {
          key.interestOps(SelectionKey.OP_READ); // to notice the other side closing it while idle
          stream.ready.offerFirst(this);
        }
        stream.record(p.due, p.request.judge().judge(answer.status(), answer.body()));
      }

      /**
       * A connection that had answered before and fails before any byte of this answer was closed
       * by the other side while idle: the request is sent once more on a new connection, as every
       * HTTP client does. Any other failure is the request's outcome.
       */
      void fail(IOException e, boolean mayRetry) {
        Pending p = pending;
        pending = null;
        close();
        if (p == null) {
          stream.ready.remove(this);
          return;
        }
        stream.inFlight--;
        if (mayRetry && answered > 0 && length == 0 && !p.retried) {
          p.retried = true;
          send(p);
          return;
        }
        stream.record(p.due, describe(e));
      }

      void close() {
        busy.remove(this);
        key.cancel();
        try {
          channel.close();
        } catch (IOException ignored) {
          // closing a broken socket
        }
      }
    }
  }

  /** A whole HTTP/1.1 answer. */
  record Answer(int status, byte[] body, boolean close) {
    /** Parses an answer from {@code buf[0, length)}; null while it is incomplete. */
    static Answer parse(byte[] buf, int length) throws IOException {
      int headEnd = indexOf(buf, length, 0, "\r\n\r\n");
      if (headEnd < 0) return null;
      String[] lines = new String(buf, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
      if (lines[0].length() < 12 || !lines[0].startsWith("HTTP/1.")) throw new IOException("not HTTP: " + lines[0]);
      int status = Integer.parseInt(lines[0].substring(9, 12));
      long contentLength = -1;
      boolean chunked = false;
      boolean close = false;
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon < 0) continue;
        String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = lines[i].substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> contentLength = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
          case "connection" -> close = value.equalsIgnoreCase("close");
          default -> { }
        }
      }
      int bodyStart = headEnd + 4;
      if (chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = bodyStart;
        while (true) {
          int lineEnd = indexOf(buf, length, at, "\r\n");
          if (lineEnd < 0) return null;
          String size = new String(buf, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
          int n = Integer.parseInt(size, 16);
          at = lineEnd + 2;
          if (n == 0) return indexOf(buf, length, at, "\r\n") < 0 ? null : new Answer(status, body.toByteArray(), close);
          if (length < at + n + 2) return null;
          body.write(buf, at, n);
          at += n + 2;
        }
      }
      if (contentLength < 0) {
        if (status == 204 || status == 304) return new Answer(status, new byte[0], close);
        throw new IOException("answer without length");
      }
      if (length < bodyStart + contentLength) return null;
      return new Answer(status, Arrays.copyOfRange(buf, bodyStart, bodyStart + (int) contentLength), close);
    }

    static int indexOf(byte[] buf, int length, int from, String what) {
      outer:
      for (int i = from; i + what.length() <= length; i++) {
        for (int j = 0; j < what.length(); j++) {
          if (buf[i + j] != what.charAt(j)) continue outer;
        }
        return i;
      }
      return -1;
    }
  }

  /**
   * Every request of the measured run and every one answered in the warm-up (due before 0): when it
   * was due (ms into the measured run), its latency (µs) and outcome.
   */
  static final class Samples {
    int size;
    int[] dueMs = new int[1 << 16];
    int[] latencyUs = new int[1 << 16];
    final List<String> outcomes = new ArrayList<>();
    final Map<Integer, String> failures = new TreeMap<>();

    synchronized void add(long due, long latency, String outcome) {
      if (size == dueMs.length) {
        dueMs = Arrays.copyOf(dueMs, size * 2);
        latencyUs = Arrays.copyOf(latencyUs, size * 2);
      }
      dueMs[size] = (int) due;
      latencyUs[size] = (int) Math.min(Integer.MAX_VALUE, latency);
      if (!outcome.equals("ok")) failures.put(size, outcome);
      size++;
    }
  }

  // ---- downloads: a minimal blocking HTTP/1.1 GET over one keep-alive socket ------------------

  record Response(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name);
    }
  }

  static final class Connection {
    final String host;
    final int port;
    Socket socket;
    boolean answering; // a byte of the answer has arrived
    InputStream in;
    OutputStream out;

    Connection(String host, int port) {
      this.host = host;
      this.port = port;
    }

    Response get(String path, String range) throws IOException {
      boolean reused = socket != null;
      try {
        return attempt(path, range);
      } catch (IOException e) {
        close();
        // A keep-alive connection the other side closed while idle fails (end of stream, reset or
        // broken pipe) before any byte of an answer; clients retry that once on a new connection,
        // as every HTTP client does.
        if (reused && !answering) return attempt(path, range);
        throw e;
      }
    }

    Response attempt(String path, String range) throws IOException {
      answering = false;
      if (socket == null) open();
      StringBuilder head = new StringBuilder(256).append("GET ").append(path)
          .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
      if (range != null) head.append("Range: ").append(range).append("\r\n");
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String status = line(true);
      int code = Integer.parseInt(status.substring(9, 12));
      Map<String, String> headers = new HashMap<>();
      for (String h = line(false); !h.isEmpty(); h = line(false)) {
        int colon = h.indexOf(':');
        headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
      byte[] content = readBody(code, headers);
      if ("close".equalsIgnoreCase(headers.get("connection"))) close();
      return new Response(code, headers, content);
    }

    byte[] readBody(int code, Map<String, String> headers) throws IOException {
      if (code == 204 || code == 304) return new byte[0];
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        for (int n = Integer.parseInt(line(false).split(";")[0].trim(), 16); n > 0;
            n = Integer.parseInt(line(false).split(";")[0].trim(), 16)) {
          buf.write(in.readNBytes(n));
          line(false);
        }
        while (!line(false).isEmpty()) {} // trailers
        return buf.toByteArray();
      }
      String length = headers.get("content-length");
      if (length == null) throw new IOException("answer without length");
      int n = Integer.parseInt(length);
      byte[] content = in.readNBytes(n);
      if (content.length != n) throw new IOException("answer cut short");
      return content;
    }

    String line(boolean first) throws IOException {
      StringBuilder s = new StringBuilder(64);
      for (int b = in.read(); ; b = in.read()) {
        if (b < 0) {
          if (first && s.length() == 0) throw new StaleConnection();
          throw new IOException("connection closed mid-answer");
        }
        answering = true;
        if (b == '\n') break;
        if (b != '\r') s.append((char) b);
      }
      return s.toString();
    }

    void open() throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      socket.connect(new InetSocketAddress(host, port), 5_000);
      in = new BufferedInputStream(socket.getInputStream(), 16384);
      out = socket.getOutputStream();
    }

    void close() {
      try {
        if (socket != null) socket.close();
      } catch (IOException ignored) {
        // closing a broken socket
      }
      socket = null;
    }
  }

  static final class StaleConnection extends IOException {
    StaleConnection() {
      super("connection closed before any answer");
    }
  }

  // ---- the report -----------------------------------------------------------------------------

  static final class Report {
    final List<Stream> streams;
    final long killAt;
    final long restartAt;
    final long duration;

    Report(List<Stream> streams, long killAt, long restartAt, long duration) {
      this.streams = streams;
      this.killAt = killAt;
      this.restartAt = restartAt;
      this.duration = duration;
    }

    String summary(int accepted) {
      StringBuilder s = new StringBuilder();
      s.append("Windows are by the time a request was due; \"answered per s\" counts the successful answers that\n"
          + "arrived within the window (by arrival time): below \"per s\", the servers fell behind the schedule;\n"
          + "above, they were catching up.\n\n");
      s.append("| requests | window | sent | per s | answered per s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | failed |\n");
      s.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Stream st : streams) {
        if (st.rate <= 0) continue;
        row(s, st, "whole run", 0, duration);
        if (killAt >= 0 && restartAt > killAt) {
          row(s, st, "3 nodes (0–" + killAt + " s)", 0, killAt);
          row(s, st, "1 node killed (" + killAt + "–" + restartAt + " s)", killAt, restartAt);
          row(s, st, "restarted (" + restartAt + "–" + duration + " s)", restartAt, duration);
        }
      }
      s.append("\nFailures seen by the load (measured run; warm-up failures: ");
      for (Stream st : streams) s.append(st.name).append(' ').append(st.warmupErrors.get()).append(' ');
      s.append("):\n\n");
      boolean any = false;
      for (Stream st : streams) {
        Map<String, long[]> byKind = new TreeMap<>(); // count, first ms, last ms
        st.samples.failures.forEach((i, kind) -> { // warm-up failures are not in the samples
          long[] k = byKind.computeIfAbsent(kind, x -> new long[] {0, Long.MAX_VALUE, 0});
          k[0]++;
          k[1] = Math.min(k[1], st.samples.dueMs[i]);
          k[2] = Math.max(k[2], st.samples.dueMs[i]);
        });
        for (Map.Entry<String, long[]> e : byKind.entrySet()) {
          any = true;
          s.append(String.format(Locale.ROOT, "- %s: %d × %s, due between %.3f s and %.3f s%n", st.name,
              e.getValue()[0], e.getKey(), e.getValue()[1] / 1000.0, e.getValue()[2] / 1000.0));
        }
      }
      if (!any) s.append("- none\n");
      s.append("\nEvents answered 202 (warm-up included): ").append(accepted).append('\n');
      return s.toString();
    }

    void row(StringBuilder s, Stream st, String window, long fromS, long toS) {
      Samples x = st.samples;
      int[] lat = new int[x.size];
      int n = 0;
      long failed = 0;
      long answered = 0;
      for (int i = 0; i < x.size; i++) {
        if (x.dueMs[i] >= fromS * 1000 && x.dueMs[i] < toS * 1000) {
          lat[n++] = x.latencyUs[i];
          if (x.failures.containsKey(i)) failed++;
        }
        long arrivedMs = x.dueMs[i] + x.latencyUs[i] / 1000L;
        if (arrivedMs >= fromS * 1000 && arrivedMs < toS * 1000 && !x.failures.containsKey(i)) answered++;
      }
      Arrays.sort(lat, 0, n);
      double seconds = Math.max(1, toS - fromS);
      s.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f | %s | %s | %s | %s | %s | %d |%n", st.name, window, n,
          n / seconds, answered / seconds, pct(lat, n, 0.50), pct(lat, n, 0.90), pct(lat, n, 0.99),
          pct(lat, n, 0.999), pct(lat, n, 1.0), failed));
    }

    static String pct(int[] sorted, int n, double q) {
      if (n == 0) return "–";
      int i = (int) Math.min(n - 1, Math.ceil(q * n) - 1);
      return String.format(Locale.ROOT, "%.1f", sorted[Math.max(0, i)] / 1000.0);
    }

    /** One line per {@code step} seconds of schedule: requests due in it, their p50 and p99, failures, answers that arrived in it. */
    String timeline(int step) {
      StringBuilder s = new StringBuilder("second");
      for (Stream st : streams) s.append(',').append(st.name).append("_sent,").append(st.name)
          .append("_p50_ms,").append(st.name).append("_p99_ms,").append(st.name).append("_failed,")
          .append(st.name).append("_answered");
      s.append('\n');
      int buckets = (int) ((duration + step - 1) / step);
      List<int[][]> perStream = new ArrayList<>();
      for (Stream st : streams) perStream.add(bucketed(st.samples, step, buckets));
      for (int b = 0; b < buckets; b++) {
        s.append((long) b * step);
        for (int[][] x : perStream) {
          int[] lat = x[b];
          int n = lat.length - 2; // the last two: failed, answered
          Arrays.sort(lat, 0, n);
          s.append(',').append(n).append(',').append(pct(lat, n, 0.5)).append(',')
              .append(pct(lat, n, 0.99)).append(',').append(lat[n]).append(',').append(lat[n + 1]);
        }
        s.append('\n');
      }
      return s.toString();
    }

    /** Per bucket: the latencies of the requests due in it, then its failures and its arrivals. */
    static int[][] bucketed(Samples x, int step, int buckets) {
      int[] due = new int[buckets];
      int[] failed = new int[buckets];
      int[] answered = new int[buckets];
      for (int i = 0; i < x.size; i++) {
        int b = Math.floorDiv(x.dueMs[i], 1000 * step);
        if (b >= 0 && b < buckets) {
          due[b]++;
          if (x.failures.containsKey(i)) failed[b]++;
        }
        long arrived = Math.floorDiv(x.dueMs[i] + x.latencyUs[i] / 1000L, 1000L * step);
        if (arrived >= 0 && arrived < buckets && !x.failures.containsKey(i)) answered[(int) arrived]++;
      }
      int[][] out = new int[buckets][];
      for (int b = 0; b < buckets; b++) {
        out[b] = new int[due[b] + 2];
        out[b][due[b]] = failed[b];
        out[b][due[b] + 1] = answered[b];
        due[b] = 0; // now the fill position
      }
      for (int i = 0; i < x.size; i++) {
        int b = Math.floorDiv(x.dueMs[i], 1000 * step);
        if (b >= 0 && b < buckets) out[b][due[b]++] = x.latencyUs[i];
      }
      return out;
    }
  }
}
