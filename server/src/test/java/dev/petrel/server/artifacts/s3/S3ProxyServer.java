package dev.petrel.server.artifacts.s3;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 protocol server for tests: s3proxy over jclouds' in-memory ("transient") store, started
 * once per test JVM on a free port of 127.0.0.1. It runs in this JVM but in a class loader of its
 * own (its jar bundles Jetty 11, jclouds and more, which must not meet the server's classes), so it
 * is driven by reflection. The server under test reaches it as any S3 store, with credentials from
 * the {@code aws.accessKeyId} and {@code aws.secretAccessKey} system properties, which {@link
 * #endpoint()} sets: the SDK's default credentials chain reads them.
 */
public final class S3ProxyServer {
  public static final String ACCESS_KEY = "petrel-test-access-key";
  public static final String SECRET_KEY = "petrel-test-secret-key-0123456789";

  private static URI endpoint;
  private static S3Client admin;

  private S3ProxyServer() {}

  /** The server's URL, starting it on first use. */
  public static synchronized URI endpoint() {
    if (endpoint == null) {
      endpoint = start();
      System.setProperty("aws.accessKeyId", ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }
    return endpoint;
  }

  /** A client of the server with the test credentials, to look behind a store's back. */
  public static synchronized S3Client admin() {
    if (admin == null) {
      admin =
          S3Client.builder()
              .endpointOverride(endpoint())
              .region(Region.US_EAST_1)
              .forcePathStyle(true)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              // s3proxy knows only the checksums S3 always had
              .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
              .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
              .build();
    }
    return admin;
  }

  /** Creates an empty bucket with a fresh name. */
  public static String newBucket() {
    String bucket = "petrel-" + UUID.randomUUID().toString().substring(0, 18);
    admin().createBucket(request -> request.bucket(bucket));
    return bucket;
  }

  /**
   * Everything in {@code bucket}: every object's key, and {@code multipart:<key>} for every
   * multipart upload neither completed nor aborted (which s3proxy's in-memory store also shows as
   * objects of its own, named after the upload's id, until it is completed or aborted).
   */
  public static List<String> everythingIn(String bucket) {
    List<String> found = new ArrayList<>();
    for (S3Object object :
        admin().listObjectsV2Paginator(request -> request.bucket(bucket)).contents()) {
      found.add(object.key());
    }
    for (MultipartUpload upload :
        admin().listMultipartUploads(request -> request.bucket(bucket)).uploads()) {
      found.add("multipart:" + upload.key());
    }
    return found;
  }

  /** Empties and removes {@code bucket}, so that the in-memory store does not grow test by test. */
  public static void deleteBucket(String bucket) {
    for (MultipartUpload upload :
        admin().listMultipartUploads(request -> request.bucket(bucket)).uploads()) {
      admin()
          .abortMultipartUpload(
              request -> request.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
    }
    for (S3Object object :
        admin().listObjectsV2Paginator(request -> request.bucket(bucket)).contents()) {
      admin().deleteObject(request -> request.bucket(bucket).key(object.key()));
    }
    admin().deleteBucket(request -> request.bucket(bucket));
  }

  private static URI start() {
    Path jar = Path.of(System.getProperty("petrel.test.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no s3proxy jar at " + jar + ": the build copies it there (mvn generate-test-resources)");
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try {
      // jclouds finds its providers through the context class loader.
      ClassLoader loader = isolatedLoader(jar);
      thread.setContextClassLoader(loader);
      Object proxy = build(loader);
      proxy.getClass().getMethod("start").invoke(proxy);
      while (!"STARTED".equals(proxy.getClass().getMethod("getState").invoke(proxy))) {
        Thread.sleep(5);
      }
      int port = (int) proxy.getClass().getMethod("getPort").invoke(proxy);
      return URI.create("http://127.0.0.1:" + port);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      throw new IllegalStateException("cannot start s3proxy: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while s3proxy started", e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Sees the JDK and the jar, nothing of the test class path. */
  private static ClassLoader isolatedLoader(Path jar) {
    try {
      return new URLClassLoader(
          "s3proxy", new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException("cannot load " + jar, e);
    }
  }

  /** {@code S3Proxy.builder()} over a transient jclouds blob store, path-style, SigV2 or SigV4. */
  private static Object build(ClassLoader loader) throws ReflectiveOperationException {
    Class<?> contextBuilder = loader.loadClass("org.jclouds.ContextBuilder");
    Class<?> contextType = loader.loadClass("org.jclouds.blobstore.BlobStoreContext");
    Object jclouds = contextBuilder.getMethod("newBuilder", String.class).invoke(null, "transient");
    jclouds =
        contextBuilder
            .getMethod("credentials", String.class, String.class)
            .invoke(jclouds, ACCESS_KEY, SECRET_KEY);
    Object context = contextBuilder.getMethod("build", Class.class).invoke(jclouds, contextType);
    Object blobStore = contextType.getMethod("getBlobStore").invoke(context);

    Properties properties = new Properties();
    properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:0");
    properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    properties.setProperty("s3proxy.identity", ACCESS_KEY);
    properties.setProperty("s3proxy.credential", SECRET_KEY);
    Class<?> builderType = loader.loadClass("org.gaul.s3proxy.S3Proxy$Builder");
    Object builder =
        builderType.getMethod("fromProperties", Properties.class).invoke(null, properties);
    builderType
        .getMethod("blobStore", loader.loadClass("org.jclouds.blobstore.BlobStore"))
        .invoke(builder, blobStore);
    return builderType.getMethod("build").invoke(builder);
  }
}
