import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;

/**
 * What Jetty's per-connection header field cache costs and saves: a check's request head, as nginx
 * forwards it, parsed on fresh {@link HttpParser}s (one per connection) with the cache at Jetty's
 * default size and off, for connections that carry 2, 100 and 2 000 requests. Prints bytes
 * allocated and nanoseconds per connection and per request (the last of three rounds; the earlier
 * ones warm up). The server turns the cache off ({@code HttpListener.HEADER_CACHE_SIZE}). Run:
 *
 * <pre>java -XX:+UseSerialGC -cp cli/target/petrel-cli-all.jar bench/HeaderCacheCost.java</pre>
 */
public final class HeaderCacheCost {
  private static final byte[] REQUEST =
      ("POST /api/v1/apps/demo/check HTTP/1.1\r\nHost: petrel_nodes\r\nConnection: \r\n"
              + "Content-Type: application/json\r\nContent-Length: 120\r\n"
              + "X-Forwarded-For: 127.0.0.1\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
  private static final int REQUESTS = 200_000;

  public static void main(String[] args) {
    int jettyDefault = new HttpConfiguration().getHeaderCacheSize();
    System.out.println(
        "| cache entries | requests per connection | bytes per connection | bytes per request"
            + " | ns per request |");
    System.out.println("|---:|---:|---:|---:|---:|");
    for (int perConnection : new int[] {2, 100, 2_000}) {
      for (int cache : new int[] {jettyDefault, 0}) {
        long[] result = null;
        for (int round = 0; round < 3; round++) {
          result = run(cache, perConnection, REQUESTS / perConnection);
        }
        int connections = REQUESTS / perConnection;
        System.out.printf(
            "| %d | %d | %.0f | %.0f | %.0f |%n",
            cache,
            perConnection,
            (double) result[0] / connections,
            (double) result[0] / REQUESTS,
            (double) result[1] / REQUESTS);
      }
    }
  }

  /** Bytes allocated and nanoseconds taken for {@code connections} parsers' requests. */
  private static long[] run(int cache, int perConnection, int connections) {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocated = threads.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      HttpParser parser = new HttpParser(new Ignoring());
      parser.setHeaderCacheSize(cache);
      for (int r = 0; r < perConnection; r++) {
        parser.parseNext(ByteBuffer.wrap(REQUEST));
        parser.reset();
      }
    }
    return new long[] {
      threads.getCurrentThreadAllocatedBytes() - allocated, System.nanoTime() - start
    };
  }

  /** Takes the parsed request apart and drops it. */
  private static final class Ignoring implements HttpParser.RequestHandler {
    @Override
    public void startRequest(String method, String uri, HttpVersion version) {}

    @Override
    public void parsedHeader(HttpField field) {}

    @Override
    public boolean headerComplete() {
      return false;
    }

    @Override
    public boolean content(ByteBuffer content) {
      return false;
    }

    @Override
    public boolean contentComplete() {
      return false;
    }

    @Override
    public boolean messageComplete() {
      return true;
    }

    @Override
    public void earlyEOF() {}

    @Override
    public void badMessage(HttpException failure) {}
  }
}
