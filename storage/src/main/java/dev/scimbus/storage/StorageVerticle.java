package dev.scimbus.storage;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.storage.bus.Codecs;
import dev.scimbus.storage.bus.ScimReplyException;
import dev.scimbus.storage.bus.StorageRequest;
import dev.scimbus.storage.spi.StorageProvider;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
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
  private final boolean ownsProvider;
  private final WriteQueue writes;
  private ResourceService service;
  private MessageConsumer<StorageRequest> consumer;
  private MessageConsumer<StorageRequest> loopConsumer;
  private String loop;
  private String loopAddress;

  /** A single storage verticle that starts and stops its provider. */
  public StorageVerticle(StorageProvider provider, SchemaRegistry registry, ServiceOptions options) {
    this(provider, registry, options, true, new WriteQueue());
  }

  private StorageVerticle(StorageProvider provider, SchemaRegistry registry, ServiceOptions options,
      boolean ownsProvider, WriteQueue writes) {
    this.writes = writes;
    this.provider = provider;
    this.registry = registry;
    this.options = options == null ? ServiceOptions.DEFAULT : options;
    this.ownsProvider = ownsProvider;
  }

  /**
   * Starts {@code provider} once and deploys {@code instances} storage verticles over it, one per
   * event loop. The SCIM rules are CPU work (validation, PATCH, projection, JSON); one instance
   * would run them all on a single core. Sharing the provider is safe because every invariant is
   * enforced by the provider itself (conditional writes, atomic unique keys), never by the
   * verticle. The provider is stopped when the returned deployment is undeployed.
   */
  public static Future<String> deploy(Vertx vertx, StorageProvider provider, SchemaRegistry registry,
      ServiceOptions options, int instances) {
    WriteQueue writes = new WriteQueue();
    return vertx.deployVerticle(new ProviderLifecycle(provider))
        .compose(owner -> vertx.deployVerticle(() -> new StorageVerticle(provider, registry, options, false, writes),
            new DeploymentOptions().setInstances(instances)));
  }

  @Override
  public Future<?> start() {
    Codecs.register(vertx.eventBus());
    return (ownsProvider ? provider.start() : Future.<Void>succeededFuture()).compose(v -> {
      service = new ResourceService(vertx, registry, provider, options, Clock.systemUTC(),
          PasswordHasher.argon2id(vertx, options.argon2()), writes);
      consumer = vertx.eventBus().consumer(Addresses.STORAGE, this::onRequest);
      return consumer.completion().compose(registered -> routeOwnLoop());
    });
  }

  /**
   * Also takes requests on a node-local address for this event loop, so that an HTTP verticle on
   * the same loop reaches it without a thread hand-over ({@link Addresses#storageFor}). The first
   * storage verticle on a loop claims it; others on the same loop serve only the shared address.
   */
  private Future<Void> routeOwnLoop() {
    String thread = Thread.currentThread().getName();
    String address = Addresses.STORAGE_ON_LOOP + thread + "." + context.deploymentID();
    if (vertx.sharedData().<String, String>getLocalMap(Addresses.LOOP_ROUTES).putIfAbsent(thread, address) != null) {
      return Future.succeededFuture();
    }
    loop = thread;
    loopAddress = address;
    loopConsumer = vertx.eventBus().localConsumer(address, this::onRequest);
    return loopConsumer.completion();
  }

  @Override
  public Future<?> stop() {
    if (loop != null) {
      vertx.sharedData().<String, String>getLocalMap(Addresses.LOOP_ROUTES)
          .removeIfPresent(loop, loopAddress);
    }
    Future<Void> unregistered = Future.all(unregister(consumer), unregister(loopConsumer)).mapEmpty();
    return ownsProvider ? unregistered.eventually(provider::stop) : unregistered;
  }

  private static Future<Void> unregister(MessageConsumer<?> c) {
    return c == null ? Future.succeededFuture() : c.unregister();
  }

  /** Owns a shared provider's lifecycle: started before, stopped after the storage verticles. */
  private static final class ProviderLifecycle extends VerticleBase {
    private final StorageProvider provider;

    ProviderLifecycle(StorageProvider provider) {
      this.provider = provider;
    }

    @Override
    public Future<?> start() {
      return provider.start();
    }

    @Override
    public Future<?> stop() {
      return provider.stop();
    }
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
