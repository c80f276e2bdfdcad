package dev.scimbus.storage.bus;

import dev.scimbus.scim.ScimType;
import dev.scimbus.storage.spi.ChangeRow;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.function.Function;

/**
 * Registers the codecs of the bus message types. Local delivery passes the same immutable
 * instance (no copy); the clustered wire form is JSON.
 */
public final class Codecs {
  private Codecs() {}

  /** Idempotent per event bus: registering twice is a no-op. */
  public static synchronized void register(EventBus bus) {
    try {
      bus.registerDefaultCodec(StorageRequest.class,
          new RecordCodec<>("scimbus.StorageRequest", StorageRequest::toJson, StorageRequest::fromJson));
      bus.registerDefaultCodec(StorageReply.class,
          new RecordCodec<>("scimbus.StorageReply", StorageReply::toJson, StorageReply::fromJson));
      bus.registerDefaultCodec(ScimReplyException.class, new RecordCodec<>("scimbus.ScimReplyException",
          e -> new JsonObject().put("status", e.failureCode())
              .put("scimType", e.scimType() == null ? null : e.scimType().name()).put("detail", e.getMessage()),
          j -> new ScimReplyException(j.getInteger("status"),
              j.getString("scimType") == null ? null : ScimType.valueOf(j.getString("scimType")),
              j.getString("detail"))));
      bus.registerDefaultCodec(ChangeRow.class,
          new RecordCodec<>("scimbus.ChangeRow", Codecs::changeRowToJson, Codecs::changeRowFromJson));
    } catch (IllegalStateException alreadyRegistered) {
      // another verticle on this Vert.x instance registered them first
    }
  }

  /** The JSON form of a change row, shared by the bus codec and by readers of the change log. */
  public static JsonObject changeRowToJson(ChangeRow r) {
    return new JsonObject().put("tenant", r.tenant()).put("sequence", r.sequence())
        .put("committedAt", r.committedAt().toString()).put("resourceType", r.resourceType())
        .put("resourceId", r.resourceId()).put("operation", r.operation()).put("version", r.version())
        .put("event", r.event());
  }

  public static ChangeRow changeRowFromJson(JsonObject j) {
    return new ChangeRow(j.getString("tenant"), j.getLong("sequence"), Instant.parse(j.getString("committedAt")),
        j.getString("resourceType"), j.getString("resourceId"), j.getString("operation"), j.getLong("version"),
        j.getJsonObject("event"));
  }

  /** A codec for an immutable type: identity locally, JSON on the wire. */
  public static final class RecordCodec<T> implements MessageCodec<T, T> {
    private final String name;
    private final Function<T, JsonObject> toJson;
    private final Function<JsonObject, T> fromJson;

    public RecordCodec(String name, Function<T, JsonObject> toJson, Function<JsonObject, T> fromJson) {
      this.name = name;
      this.toJson = toJson;
      this.fromJson = fromJson;
    }

    @Override
    public void encodeToWire(Buffer buffer, T t) {
      Buffer json = toJson.apply(t).toBuffer();
      buffer.appendInt(json.length()).appendBuffer(json);
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
      int len = buffer.getInt(pos);
      return fromJson.apply(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + len)));
    }

    @Override
    public T transform(T t) {
      return t;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
