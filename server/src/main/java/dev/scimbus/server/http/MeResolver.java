package dev.scimbus.server.http;

import dev.scimbus.scim.ScimError;
import dev.scimbus.server.auth.Principal;
import dev.scimbus.storage.bus.Operation;
import dev.scimbus.storage.bus.QueryParams;
import dev.scimbus.storage.bus.StorageReply;
import dev.scimbus.storage.bus.StorageRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * Finds the User behind {@code /Me} (RFC 7644 §3.11): the credential's subject is a userName, looked
 * up with an ordinary {@code userName eq} list request over the bus, so the lookup follows the same
 * tenant and case rules as any filter. A credential without a subject gets 501, a subject without
 * a User 404.
 */
final class MeResolver {
  private final Function<StorageRequest, Future<StorageReply>> storage;

  MeResolver(Function<StorageRequest, Future<StorageReply>> storage) {
    this.storage = storage;
  }

  /** The id of the authenticated subject's User. */
  Future<String> userId(Principal principal, String baseUrl) {
    if (principal.userName() == null) {
      return Future.failedFuture(new ScimError(501, null, "/Me is not available: this credential is not bound to a "
          + "user (configure the token as tenant=token:userName, or use a JWT with a subject)"));
    }
    QueryParams query = new QueryParams("userName eq " + quoted(principal.userName()), null, null, null, "2", "id",
        null, null);
    return storage.apply(new StorageRequest(Operation.LIST, principal.tenant(), "User", null, null, null, query, baseUrl))
        .map(reply -> {
          JsonArray found = reply.body() == null ? null : reply.body().getJsonArray("Resources");
          if (found == null || found.isEmpty()) {
            throw ScimError.notFound("/Me: no User with userName '" + principal.userName() + "' exists in this tenant");
          }
          return ((JsonObject) found.getValue(0)).getString("id");
        });
  }

  /** A SCIM filter string literal: JSON string syntax. */
  private static String quoted(String value) {
    return io.vertx.core.json.Json.encode(value);
  }
}
