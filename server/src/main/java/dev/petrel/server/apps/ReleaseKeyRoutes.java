package dev.petrel.server.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.ReleasePublicKey;
import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.auth.Role;
import dev.petrel.server.web.ApiException;
import dev.petrel.server.web.JsonFields;
import dev.petrel.server.web.Times;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /api/v1/apps/{app}/keys}: admins register and remove an app's release public keys. */
public final class ReleaseKeyRoutes {
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

  private final ReleaseKeys keys;
  private final Authenticator auth;
  private final ObjectMapper mapper;

  public ReleaseKeyRoutes(ReleaseKeys keys, Authenticator auth, ObjectMapper mapper) {
    this.keys = keys;
    this.auth = auth;
    this.mapper = mapper;
  }

  /** The JSON shape of a release key. */
  record KeyView(String keyId, String publicKey, String label, String addedAt, String removedAt) {
    static KeyView of(ReleaseKey key) {
      return new KeyView(
          key.keyId(),
          key.publicKey(),
          key.label(),
          Times.iso(key.addedAt()),
          Times.iso(key.removedAt()));
    }

    static List<KeyView> of(List<ReleaseKey> keys) {
      return keys.stream().map(KeyView::of).toList();
    }
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/apps/{app}/keys", this::add);
    routes.get("/api/v1/apps/{app}/keys", this::list);
    routes.post("/api/v1/apps/{app}/keys/{key_id}/remove", this::remove);
  }

  private void add(Context ctx) {
    Principal actor = auth.require(ctx, Role.ADMIN);
    AppId app = AppId.parse("app", ctx.pathParam("app"));
    JsonFields body = JsonFields.parse(mapper, ctx.bodyAsBytes());
    List<String> texts = body.requiredTextList("public_keys", ReleaseKeys.MAX_KEYS_PER_REQUEST);
    List<ReleasePublicKey> parsed = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      parsed.add(ReleasePublicKey.parse("public_keys[" + i + "]", texts.get(i)));
    }
    ReleaseKeys.Added result = keys.add(app, parsed, body.optionalText("label"), actor);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ok", true);
    answer.put("added", KeyView.of(result.added()));
    answer.put("keys", KeyView.of(result.active()));
    ctx.status(result.added().isEmpty() ? 200 : 201).json(answer);
  }

  private void list(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    AppId app = AppId.parse("app", ctx.pathParam("app"));
    boolean all = flag(ctx.queryParam("all"));
    ctx.json(Map.of("ok", true, "keys", KeyView.of(keys.list(app, all))));
  }

  private void remove(Context ctx) {
    Principal actor = auth.require(ctx, Role.ADMIN);
    AppId app = AppId.parse("app", ctx.pathParam("app"));
    String keyId = ctx.pathParam("key_id");
    if (!KEY_ID.matcher(keyId).matches()) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "key_id: expected 16 lowercase hexadecimal characters, found '" + keyId + "'");
    }
    ctx.json(Map.of("ok", true, "key", KeyView.of(keys.remove(app, keyId, actor))));
  }

  private static boolean flag(String text) {
    if (text == null || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw ApiException.badRequest(
        "request.invalid_field", "all: expected true or false, found '" + text + "'");
  }
}
