package dev.scimbus.storage;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.bus.Codecs;
import dev.scimbus.storage.bus.ScimReplyException;
import dev.scimbus.storage.bus.StorageRequest;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * Hosts one {@link StorageProvider} behind {@link Addresses#STORAGE}: takes
 * {@code StorageRequest}s, answers {@code StorageReply}s, and fails a request by replying a
 * {@link ScimReplyException} (the requester's future fails with it, status and scimType intact).
 * The same class serves every backend; configuration decides which provider it gets.
 */
public class StorageVerticle extends VerticleBase {
  private final StorageProvider provider;
  private final SchemaRegistry registry;
  private final ServiceOptions options;
  private ResourceService service;
  private MessageConsumer<StorageRequest> consumer;

  public StorageVerticle(StorageProvider provider, SchemaRegistry registry, ServiceOptions options) {
    this.provider = provider;
    this.registry = registry;
    this.options = options == null ? ServiceOptions.DEFAULT : options;
  }

  @Override
  public Future<?> start() {
    Codecs.register(vertx.eventBus());
    return provider.start().compose(v -> {
      service = new ResourceService(vertx, registry, provider, options);
      consumer = vertx.eventBus().consumer(Addresses.STORAGE, this::onRequest);
      return consumer.completion();
    });
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered.eventually(provider::stop);
  }

  private void onRequest(Message<StorageRequest> message) {
    service.handle(message.body()).onComplete(reply -> {
      if (reply.succeeded()) {
        message.reply(reply.result());
      } else {
        ScimError e = reply.cause() instanceof ScimError se ? se : new ScimError(500, null, "Internal server error");
        message.reply(ScimReplyException.of(e));
      }
    });
  }
}
