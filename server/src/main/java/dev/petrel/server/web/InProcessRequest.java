package dev.petrel.server.web;

import io.javalin.http.Context;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;

/**
 * Tells the requests that came through an in-process {@link LocalConnector} (a start's rehearsal,
 * never a device) from those that came over the network, for the routes Javalin serves: routes
 * answer them the same way but record, count and time nothing a device's request would.
 *
 * <p>The mark is a request attribute that only the server sets, in front of Javalin ({@link
 * #markIfInProcess}); nothing a client sends can set a request attribute.
 */
public final class InProcessRequest {
  /** The name of the request attribute that marks an in-process request. */
  public static final String ATTRIBUTE = "dev.petrel.inProcess";

  private InProcessRequest() {}

  /** Whether {@code request} came through an in-process connector. */
  public static boolean isInProcess(Request request) {
    return request.getConnectionMetaData().getConnector() instanceof LocalConnector;
  }

  /**
   * Marks {@code request} for the routes behind Javalin when it came through an in-process
   * connector; leaves every other request as it is.
   */
  public static void markIfInProcess(Request request) {
    if (isInProcess(request)) {
      request.setAttribute(ATTRIBUTE, Boolean.TRUE);
    }
  }

  /** Whether the request Javalin is serving was {@linkplain #markIfInProcess marked}. */
  public static boolean isInProcess(Context ctx) {
    return Boolean.TRUE.equals(ctx.attribute(ATTRIBUTE));
  }
}
