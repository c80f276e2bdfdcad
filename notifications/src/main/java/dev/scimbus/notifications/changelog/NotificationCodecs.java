package dev.scimbus.notifications.changelog;

import dev.scimbus.storage.bus.Codecs;
import dev.scimbus.storage.bus.Codecs.RecordCodec;
import io.vertx.core.eventbus.EventBus;

/** Registers the codecs of the change-log messages, and the storage ones (ChangeRow) they build on. */
public final class NotificationCodecs {
  private NotificationCodecs() {}

  /** Idempotent per event bus. */
  public static synchronized void register(EventBus bus) {
    Codecs.register(bus);
    tryRegister(bus, ChangesRequest.class,
        new RecordCodec<>("scimbus.ChangesRequest", ChangesRequest::toJson, ChangesRequest::fromJson));
    tryRegister(bus, ChangesReply.class,
        new RecordCodec<>("scimbus.ChangesReply", ChangesReply::toJson, ChangesReply::fromJson));
  }

  private static <T> void tryRegister(EventBus bus, Class<T> type, RecordCodec<T> codec) {
    try {
      bus.registerDefaultCodec(type, codec);
    } catch (IllegalStateException alreadyRegistered) {
      // registered by an earlier call on this Vert.x instance
    }
  }
}
