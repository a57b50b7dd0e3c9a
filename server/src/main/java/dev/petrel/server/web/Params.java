package dev.petrel.server.web;

import io.javalin.http.Context;

/** Reads path parameters into validated values, answering 400 with the API's usual message. */
public final class Params {
  private Params() {}

  /**
   * The path parameter {@code name} as a positive id.
   *
   * @param what what the id names, for the message ("release", "token")
   * @throws ApiException 400 {@code request.invalid_field} unless it is an integer of 1 or more
   */
  public static long positiveId(Context ctx, String name, String what) {
    String text = ctx.pathParam(name);
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "request.invalid_field",
        name + ": expected a positive integer " + what + " id, found '" + text + "'");
  }
}
