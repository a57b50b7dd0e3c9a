package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The training bucket answers a start's and a download's requests and refuses the rest. (That the
 * AWS SDK accepts its answers is shown by the training run in {@code ServeCommandTest}.)
 */
class TrainingBucketTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void answersTheBucketAnObjectAndEmptyListingsAndRefusesAnUpload() throws Exception {
    try (TrainingBucket bucket = TrainingBucket.start()) {
      String base = bucket.endpoint() + "/" + TrainingBucket.NAME;

      assertThat(send(head(base)).statusCode()).isEqualTo(200);
      HttpResponse<String> object = send(head(base + "/artifacts/ab"));
      assertThat(object.statusCode()).isEqualTo(200);
      assertThat(object.headers().firstValue("Content-Length")).hasValue("4");
      assertThat(send(get(base + "?uploads&prefix=artifacts/")).body())
          .contains("<ListMultipartUploadsResult")
          .contains("<IsTruncated>false</IsTruncated>")
          .doesNotContain("<Upload>");
      assertThat(send(get(base + "?list-type=2&prefix=artifacts/tmp/")).body())
          .contains("<KeyCount>0</KeyCount>");

      HttpResponse<String> upload =
          send(
              HttpRequest.newBuilder(URI.create(base + "/artifacts/ab"))
                  .PUT(HttpRequest.BodyPublishers.ofString("data"))
                  .build());
      assertThat(upload.statusCode()).isEqualTo(501);
      assertThat(upload.body()).contains("<Code>NotImplemented</Code>");
    }
  }

  private static HttpRequest head(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .method("HEAD", HttpRequest.BodyPublishers.noBody())
        .build();
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).GET().build();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
