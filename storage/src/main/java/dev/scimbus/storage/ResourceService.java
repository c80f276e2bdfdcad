package dev.scimbus.storage;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import dev.scimbus.scim.event.ChangeEvent;
import dev.scimbus.scim.filter.CompareOp;
import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.filter.FilterEvaluator;
import dev.scimbus.scim.patch.PatchEngine;
import dev.scimbus.scim.patch.PatchOperation;
import dev.scimbus.scim.patch.PatchRequest;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.projection.AttributeList;
import dev.scimbus.scim.projection.Projection;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.scim.validation.ResourceValidator;
import dev.scimbus.storage.bus.Codecs;
import dev.scimbus.storage.bus.Operation;
import dev.scimbus.storage.bus.StorageReply;
import dev.scimbus.storage.bus.StorageRequest;
import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.Committed;
import dev.scimbus.storage.spi.KeyedResource;
import dev.scimbus.storage.spi.Keyset;
import dev.scimbus.storage.spi.MembershipReads;
import dev.scimbus.storage.spi.StorageException;
import dev.scimbus.storage.spi.StorageProvider;
import dev.scimbus.storage.spi.StorageQuery;
import dev.scimbus.storage.spi.StoredResource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every SCIM rule, once, for every backend (DESIGN.md §1): resolves the resource type, validates,
 * assigns {@code id} and {@code meta}, checks If-Match, applies PATCH, computes unique keys,
 * resolves group members, derives {@code User.groups}, splits filters into what the provider can
 * push down and what it evaluates itself, pages, projects, builds the RFC 9967 change event, and
 * publishes each committed change row on {@link Addresses#CHANGES}. Failures are always
 * {@link ScimError}s; anything unexpected becomes a logged 500 with a generic detail.
 *
 * <p>Choices worth knowing: without {@code sortBy} results come in the provider's default order,
 * which every provider must define as creation order (ties by id), so pages are stable. A PATCH
 * that changes nothing writes nothing and answers 200 with the current resource and version.
 * Group {@code members[].display} is readOnly: client values are replaced by the member's
 * {@code displayName} (else {@code userName}) at write time, so it can lag a later rename.
 * Deleting a user then removes it from groups one group at a time; that clean-up is not atomic
 * with the delete, and if the backend fails midway the error is returned to the client.
 * RFC 9865 cursor paging (a {@code cursor} parameter) is keyset-based: see {@link Cursors} for
 * the cursor format and {@code StorageProvider#supportsKeyset} for what a backend does natively.
 */
public final class ResourceService {
  private static final System.Logger LOG = System.getLogger(ResourceService.class.getName());
  private static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  // Identity providers patch one big group from many workers at once: losing writers retry after a
  // short random pause (growing with each attempt) rather than failing after a few quick tries.
  private static final int WRITE_ATTEMPTS = 16;
  private static final long MAX_RETRY_PAUSE_MS = 50;

  private final Vertx vertx;
  private final WriteQueue writes;
  private final SchemaRegistry registry;
  private final StorageProvider provider;
  private final ServiceOptions options;
  private final Clock clock;
  private final ResourceValidator validator;
  private final PatchEngine patchEngine;
  private final FilterEvaluator evaluator;
  private final Projection projection;
  private final UniqueKeys uniqueKeys;
  private final PasswordHasher hasher;
  private final Membership membership;
  private final Cursors cursors;

  public ResourceService(Vertx vertx, SchemaRegistry registry, StorageProvider provider, ServiceOptions options) {
    this(vertx, registry, provider, options, Clock.systemUTC(),
        PasswordHasher.argon2id(vertx, (options == null ? ServiceOptions.DEFAULT : options).argon2()));
  }

  /** With an explicit clock (tests that need distinct timestamps) and password hasher. */
  public ResourceService(Vertx vertx, SchemaRegistry registry, StorageProvider provider, ServiceOptions options,
      Clock clock, PasswordHasher hasher) {
    this(vertx, registry, provider, options, clock, hasher, new WriteQueue());
  }

  /** With the write queue shared by every service over the same provider on this node. */
  public ResourceService(Vertx vertx, SchemaRegistry registry, StorageProvider provider, ServiceOptions options,
      Clock clock, PasswordHasher hasher, WriteQueue writes) {
    this.writes = writes;
    this.vertx = vertx;
    this.registry = registry;
    this.provider = provider;
    this.options = options == null ? ServiceOptions.DEFAULT : options;
    this.clock = clock;
    this.validator = new ResourceValidator(registry, this.options.validationOptions());
    this.patchEngine = new PatchEngine(registry, this.options.patchOptions());
    this.evaluator = new FilterEvaluator(registry);
    this.projection = new Projection(registry);
    this.uniqueKeys = new UniqueKeys(registry);
    this.hasher = hasher;
    this.membership = new Membership(registry, provider, this::candidates);
    this.cursors = new Cursors(this.options, clock);
    Codecs.register(vertx.eventBus());
  }

  /** Runs one request; the future fails only with a {@link ScimError}. */
  public Future<StorageReply> handle(StorageRequest request) {
    Future<StorageReply> reply;
    try {
      reply = switch (request.operation()) {
        case CREATE -> create(request);
        case GET -> get(request);
        case REPLACE -> replace(request);
        case PATCH -> patch(request);
        case DELETE -> delete(request);
        case LIST -> list(request, ListRequest.of(request.query(), options));
        case SEARCH -> list(request, ListRequest.of(ListRequest.searchParams(request.body()), options));
      };
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    return reply.recover(t -> Future.failedFuture(toScimError(t, request)));
  }

  // ---------------------------------------------------------------- single resources

  private Future<StorageReply> create(StorageRequest req) {
    ResourceType rt = resourceType(req);
    JsonObject input = validator.validateCreate(rt, body(req));
    return prepare(req, rt, input, null).compose(prepared -> {
      String id = UUID.randomUUID().toString();
      Instant now = now();
      JsonObject data = assemble(id, prepared, meta(rt, now, now, 1));
      StoredResource resource = new StoredResource(rt.name(), id, 1, now, now, data);
      return provider.insert(req.tenant(), resource, uniqueKeys.of(rt, data), draft(req, rt, "create", null, data, 1))
          .recover(t -> Future.failedFuture(conflict(t, data)));
    }).compose(c -> committed(req, rt, c, 201));
  }

  private Future<StorageReply> get(StorageRequest req) {
    ResourceType rt = resourceType(req);
    AttributeList attributes = AttributeList.parse(req.query().attributes());
    AttributeList excluded = AttributeList.parse(req.query().excludedAttributes());
    if (!withGroups(rt, attributes, excluded)) {
      return provider.get(req.tenant(), rt.name(), id(req)).compose(r -> single(req, rt, r, 200));
    }
    if (provider instanceof MembershipReads reads) {
      return reads.getWithGroups(req.tenant(), rt.name(), id(req), membership.groupType().name()).map(both -> {
        StoredResource r = both.resource();
        JsonObject body = assemble(req, rt, r, attributes, excluded, membership.groupsOf(both.groups(), req.baseUrl()));
        return resourceReply(req, rt, r, 200, body);
      });
    }
    Future<StoredResource> resource = provider.get(req.tenant(), rt.name(), id(req));
    // The id is known before the resource is read, so its groups are looked up at the same time:
    // one round trip to a database instead of two in a row. Both reads see committed data; a
    // membership change that commits between them is as if the GET had come a moment earlier or later.
    Future<JsonArray> groups = membership.groupsOf(req.tenant(), id(req), req.baseUrl());
    return Future.all(resource, groups).map(both -> {
      StoredResource r = resource.result();
      JsonObject body = assemble(req, rt, r, attributes, excluded, groups.result());
      return resourceReply(req, rt, r, 200, body);
    });
  }

  private Future<StorageReply> replace(StorageRequest req) {
    ResourceType rt = resourceType(req);
    JsonObject body = body(req);
    return retrying(req, () -> current(req, rt).compose(existing -> {
      JsonObject input = validator.validateReplace(rt, existing.data(), body);
      return prepare(req, rt, input, existing.data()).compose(prepared -> write(req, rt, existing, prepared, "put"));
    })).compose(c -> committed(req, rt, c, 200));
  }

  private Future<StorageReply> patch(StorageRequest req) {
    ResourceType rt = resourceType(req);
    List<PatchOperation> ops = PatchRequest.parse(body(req), options.patchOptions());
    return retrying(req, () -> current(req, rt).compose(existing -> {
      JsonObject patched = validator.normalizeStored(rt, patchEngine.apply(rt, existing.data(), ops));
      return prepare(req, rt, patched, existing.data()).compose(prepared -> {
        if (withoutMeta(prepared).equals(withoutMeta(existing.data()))) {
          return Future.succeededFuture(new Committed(existing, null));
        }
        return write(req, rt, existing, prepared, "patch");
      });
    })).compose(c -> c.change() == null ? single(req, rt, c.resource(), 200) : committed(req, rt, c, 200));
  }

  private Future<StorageReply> delete(StorageRequest req) {
    ResourceType rt = resourceType(req);
    return retrying(req, () -> current(req, rt).compose(existing -> provider.delete(req.tenant(), rt.name(),
        existing.id(), existing.version(), draft(req, rt, "delete", existing.data(), null, existing.version()))))
        .compose(c -> {
          publish(c);
          if (!membership.derivesGroups(rt)) {
            return Future.succeededFuture();
          }
          return membership.groupsListing(req.tenant(), id(req))
              .compose(groups -> removeFromGroups(req, groups, 0));
        })
        .map(v -> new StorageReply(204, null, null, null));
  }

  /** Removes the deleted member from each group in turn, each with its own version check and event. */
  private Future<Void> removeFromGroups(StorageRequest req, List<StoredResource> groups, int i) {
    if (i >= groups.size()) {
      return Future.succeededFuture();
    }
    ResourceType groupType = membership.groupType();
    StorageRequest groupReq = new StorageRequest(req.operation(), req.tenant(), groupType.name(), groups.get(i).id(),
        null, null, null, req.baseUrl());
    Future<Committed> one = retrying(groupReq, () -> current(groupReq, groupType).compose(group -> {
      JsonObject data = group.data().copy();
      JsonArray members = data.getJsonArray("members", new JsonArray());
      boolean removed = members.getList().removeIf(m -> Membership.isMember(m, req.id()));
      if (!removed) {
        return Future.succeededFuture(new Committed(group, null));
      }
      if (members.isEmpty()) {
        data.remove("members");
      }
      return write(groupReq, groupType, group, withoutMeta(data), "patch");
    })).recover(t -> t instanceof StorageException se && se.kind() == StorageException.Kind.NOT_FOUND
        ? Future.succeededFuture(new Committed(null, null)) : Future.failedFuture(t));
    return one.compose(c -> {
      if (c.change() != null) {
        publish(c);
      }
      return removeFromGroups(req, groups, i + 1);
    });
  }

  /** Reads the resource and applies If-Match. */
  private Future<StoredResource> current(StorageRequest req, ResourceType rt) {
    return provider.get(req.tenant(), rt.name(), id(req)).compose(existing -> {
      if (!ETags.matches(req.ifMatch(), existing.version())) {
        return Future.failedFuture(ScimError.preconditionFailed("If-Match " + req.ifMatch()
            + " does not match the current version " + ETags.of(existing.version()) + " of resource " + existing.id()));
      }
      return Future.succeededFuture(existing);
    });
  }

  /** Writes {@code prepared} as the next version of {@code existing}, keeping id and meta.created. */
  private Future<Committed> write(StorageRequest req, ResourceType rt, StoredResource existing, JsonObject prepared,
      String operation) {
    long version = existing.version() + 1;
    Instant now = now();
    JsonObject data = assemble(existing.id(), prepared, meta(rt, existing.created(), now, version));
    StoredResource next = new StoredResource(rt.name(), existing.id(), version, existing.created(), now, data);
    return provider.replace(req.tenant(), next, existing.version(), uniqueKeys.of(rt, data),
        draft(req, rt, operation, existing.data(), data, version)).recover(t -> Future.failedFuture(conflict(t, data)));
  }

  /**
   * What every write does to client data before storing it: drops the derived {@code groups},
   * keeps or hashes the password, and resolves group members.
   */
  private Future<JsonObject> prepare(StorageRequest req, ResourceType rt, JsonObject input, JsonObject existing) {
    if (membership.derivesGroups(rt)) {
      input.remove("groups");
    }
    Object stored = existing == null ? null : existing.getValue("password");
    Object given = input.getValue("password");
    Future<Void> password;
    if (given == null) {
      if (stored != null) {
        input.put("password", stored);
      }
      password = Future.succeededFuture();
    } else if (given.equals(stored)) {
      password = Future.succeededFuture();
    } else {
      password = hasher.hash(given.toString()).map(h -> {
        input.put("password", h);
        return null;
      });
    }
    return password.compose(v -> membership.resolveMembers(req.tenant(), rt, input, existing, req.baseUrl())).map(input);
  }

  /** Retries a read-modify-write lost to a concurrent writer; with a specific If-Match the loser gets 412. */
  private <T> Future<T> retrying(StorageRequest req, Supplier<Future<T>> attempt) {
    return writes.run(req.tenant() + '\u0000' + req.resourceType() + '\u0000' + req.id(),
        () -> retrying(req, attempt, 1));
  }

  private <T> Future<T> retrying(StorageRequest req, Supplier<Future<T>> attempt, int n) {
    return attempt.get().recover(t -> {
      if (!(t instanceof StorageException se) || se.kind() != StorageException.Kind.PRECONDITION) {
        return Future.failedFuture(t);
      }
      if (ETags.isSpecific(req.ifMatch())) {
        return Future.failedFuture(ScimError.preconditionFailed("Resource " + req.id()
            + " was modified concurrently; its version no longer matches If-Match " + req.ifMatch()));
      }
      if (n < WRITE_ATTEMPTS) {
        long pause = ThreadLocalRandom.current().nextLong(1, Math.min(MAX_RETRY_PAUSE_MS, 1L << n) + 1);
        return vertx.timer(pause, TimeUnit.MILLISECONDS).compose(v -> retrying(req, attempt, n + 1));
      }
      return Future.failedFuture(new ScimError(409, null, "Resource " + req.id()
          + " was modified concurrently (concurrent modification, retry)"));
    });
  }

  private Future<StorageReply> committed(StorageRequest req, ResourceType rt, Committed c, int status) {
    publish(c);
    if (status == 201) {
      // A resource created just now has a new id that no group can list yet: no groups to look up.
      StoredResource r = c.resource();
      JsonObject body = assemble(req, rt, r, AttributeList.parse(req.query().attributes()),
          AttributeList.parse(req.query().excludedAttributes()), null);
      return Future.succeededFuture(resourceReply(req, rt, r, status, body));
    }
    return single(req, rt, c.resource(), status);
  }

  private Future<StorageReply> single(StorageRequest req, ResourceType rt, StoredResource r, int status) {
    return render(req, rt, r, AttributeList.parse(req.query().attributes()),
        AttributeList.parse(req.query().excludedAttributes()))
        .map(body -> resourceReply(req, rt, r, status, body));
  }

  /** A single resource's reply: its rendered body, ETag and Location. */
  private static StorageReply resourceReply(StorageRequest req, ResourceType rt, StoredResource r, int status,
      JsonObject body) {
    return new StorageReply(status, body, ETags.of(r.version()), location(req, rt, r.id()));
  }

  // ---------------------------------------------------------------- lists

  private Future<StorageReply> list(StorageRequest req, ListRequest lr) {
    if (req.resourceType() == null && req.operation() == Operation.SEARCH) {
      if (lr.cursor() != null) {
        throw ScimError.invalidValue("cursor paging is available per resource type, not on a search of the server "
            + "root; search /Users/.search or /Groups/.search, or page the root search with startIndex");
      }
      return searchAll(req, lr);
    }
    ResourceType rt = resourceType(req);
    if (lr.filter() != null) {
      evaluator.validate(rt, lr.filter());
    }
    if (lr.cursor() != null) {
      return cursorList(req, lr, rt);
    }
    Comparator<JsonObject> order = lr.sortBy() == null ? null
        : evaluator.sortComparator(rt, lr.sortBy(), lr.descending());
    Split split = split(lr.filter());
    int offset = lr.startIndex() - 1;
    if (split.residual() == null && (lr.sortBy() == null || provider.canSort(lr.sortBy()))) {
      if (lr.count() == 0) {
        return provider.count(req.tenant(), rt.name(), split.pushed())
            .compose(total -> listResponse(req, lr, total, List.of()));
      }
      StorageQuery q = new StorageQuery(split.pushed(), lr.sortBy(), lr.descending(), offset, lr.count());
      return provider.query(req.tenant(), rt.name(), q).compose(page -> {
        // A page that is not full and not past the end says the total itself: a lookup such as
        // userName eq needs no second query for totalResults.
        Future<Long> total = page.size() < lr.count() && (offset == 0 || !page.isEmpty())
            ? Future.succeededFuture((long) offset + page.size())
            : provider.count(req.tenant(), rt.name(), split.pushed());
        return total.compose(t -> listResponse(req, lr, t, page.stream().map(r -> new Typed(rt, r)).toList()));
      });
    }
    return candidates(req.tenant(), rt, lr.filter(), options.maxInMemoryCandidates()).compose(all -> {
      List<StoredResource> sorted = new ArrayList<>(all);
      if (order != null) {
        sorted.sort(Comparator.comparing(StoredResource::data, order));
      }
      return page(req, lr, sorted.stream().map(r -> new Typed(rt, r)).toList());
    });
  }

  /**
   * RFC 9865 cursor paging: a keyset page after the cursor's position, one resource more than
   * asked to know whether a next page exists. Natively in the provider when it supports keysets
   * and takes the whole filter and sort; otherwise over the (bounded) candidates in memory, where
   * the default order is (meta.created, id), the only creation order every backend keeps.
   */
  private Future<StorageReply> cursorList(StorageRequest req, ListRequest lr, ResourceType rt) {
    Split split = split(lr.filter());
    boolean nativeKeyset = provider.supportsKeyset() && split.residual() == null
        && (lr.sortBy() == null || provider.canSort(lr.sortBy()));
    if (lr.sortBy() != null) {
      evaluator.sortComparator(rt, lr.sortBy(), lr.descending()); // a bad sortBy is a 400 before the cursor
    }
    String hash = Cursors.queryHash(req.tenant(), rt.name(), lr.filter(),
        lr.sortBy() == null ? null : lr.sortBy().key(), lr.descending(), lr.attributes(), lr.excludedAttributes(),
        provider.name(), nativeKeyset);
    Keyset after = lr.cursor().isEmpty() ? null : cursors.read(lr.cursor(), hash);
    Future<List<KeyedResource>> window;
    Future<Long> total;
    if (nativeKeyset) {
      total = provider.count(req.tenant(), rt.name(), split.pushed());
      window = lr.count() == 0 ? Future.succeededFuture(List.of()) : provider.queryKeyed(req.tenant(), rt.name(),
          new StorageQuery(split.pushed(), lr.sortBy(), lr.descending(), 0, lr.count() + 1, after));
    } else {
      Future<List<StoredResource>> all = candidates(req.tenant(), rt, lr.filter(), options.maxInMemoryCandidates());
      total = all.map(l -> (long) l.size());
      window = all.map(l -> keysetWindow(rt, lr, l, after));
    }
    return Future.all(total, window).compose(both -> {
      List<KeyedResource> found = window.result();
      List<KeyedResource> page = found.subList(0, Math.min(lr.count(), found.size()));
      String next = found.size() > lr.count() && !page.isEmpty()
          ? cursors.issue(hash, keysetOf(rt, lr, page.get(page.size() - 1))) : null;
      return listResponse(req, lr, total.result(), page.stream().map(k -> new Typed(rt, k.resource())).toList(), next);
    });
  }

  /** The in-memory keyset fallback: sort, drop everything up to {@code after}, keep count + 1. */
  private List<KeyedResource> keysetWindow(ResourceType rt, ListRequest lr, List<StoredResource> all, Keyset after) {
    List<KeyedResource> keyed = new ArrayList<>();
    for (StoredResource r : all) {
      keyed.add(new KeyedResource(r, r.created() == null ? 0 : r.created().toEpochMilli()));
    }
    Comparator<KeyedResource> order = lr.sortBy() == null
        ? Comparator.comparingLong(KeyedResource::position).thenComparing(k -> k.resource().id())
        : Comparator.comparing(k -> k.resource().data(), evaluator.sortComparator(rt, lr.sortBy(), lr.descending()));
    keyed.sort(order);
    List<KeyedResource> out = new ArrayList<>();
    for (KeyedResource k : keyed) {
      if (out.size() > lr.count()) {
        break;
      }
      if (after == null || isAfter(rt, lr, k, after)) {
        out.add(k);
      }
    }
    return out;
  }

  private boolean isAfter(ResourceType rt, ListRequest lr, KeyedResource k, Keyset after) {
    if (lr.sortBy() == null) {
      int c = Long.compare(k.position(), after.position());
      return c > 0 || c == 0 && k.resource().id().compareTo(after.id()) > 0;
    }
    return evaluator.compareToPosition(rt, lr.sortBy(), lr.descending(), k.resource().data(),
        (Comparable<?>) after.sortValue(), after.id()) > 0;
  }

  private Keyset keysetOf(ResourceType rt, ListRequest lr, KeyedResource last) {
    Object sortValue = lr.sortBy() == null ? null : evaluator.sortKey(rt, lr.sortBy(), last.resource().data());
    return new Keyset(sortValue, last.position(), last.resource().id());
  }

  /** A search on the server root: every resource type, in registry order, each sorted on its own. */
  private Future<StorageReply> searchAll(StorageRequest req, ListRequest lr) {
    List<ResourceType> types = new ArrayList<>(registry.resourceTypes());
    ScimError firstInvalid = null;
    List<ResourceType> valid = new ArrayList<>();
    for (ResourceType rt : types) {
      try {
        if (lr.filter() != null) {
          evaluator.validate(rt, lr.filter());
        }
        valid.add(rt);
      } catch (ScimError e) {
        firstInvalid = firstInvalid == null ? e : firstInvalid;
      }
    }
    if (valid.isEmpty() && firstInvalid != null) {
      throw firstInvalid;
    }
    Future<List<Typed>> acc = Future.succeededFuture(new ArrayList<>());
    for (ResourceType rt : types) {
      boolean pushable = valid.contains(rt);
      acc = acc.compose(sofar -> {
        int room = options.maxInMemoryCandidates() - sofar.size();
        Future<List<StoredResource>> found = pushable
            ? candidates(req.tenant(), rt, lr.filter(), room)
            : candidates(req.tenant(), rt, null, room).map(all -> all.stream()
                .filter(r -> evaluator.matches(rt, r.data(), lr.filter())).toList());
        return found.map(list -> {
          List<StoredResource> sorted = new ArrayList<>(list);
          if (lr.sortBy() != null && registry.resolve(rt, lr.sortBy()).isPresent()) {
            sorted.sort(Comparator.comparing(StoredResource::data, evaluator.sortComparator(rt, lr.sortBy(),
                lr.descending())));
          }
          sorted.forEach(r -> sofar.add(new Typed(rt, r)));
          return sofar;
        });
      });
    }
    return acc.compose(all -> page(req, lr, all));
  }

  private Future<StorageReply> page(StorageRequest req, ListRequest lr, List<Typed> all) {
    int from = Math.min(lr.startIndex() - 1, all.size());
    int to = (int) Math.min(all.size(), (long) from + lr.count());
    return listResponse(req, lr, all.size(), all.subList(from, to));
  }

  private Future<StorageReply> listResponse(StorageRequest req, ListRequest lr, long total, List<Typed> page) {
    return listResponse(req, lr, total, page, null);
  }

  /** A ListResponse; with cursor paging it carries {@code nextCursor} (unless last) and no startIndex. */
  private Future<StorageReply> listResponse(StorageRequest req, ListRequest lr, long total, List<Typed> page,
      String nextCursor) {
    List<String> derive = page.stream().filter(t -> withGroups(t.rt(), lr.attributes(), lr.excludedAttributes()))
        .map(t -> t.resource().id()).toList();
    Future<Map<String, JsonArray>> groups = derive.isEmpty() ? Future.succeededFuture(Map.of())
        : membership.groupsOfAll(req.tenant(), derive, req.baseUrl());
    return groups.map(groupsByUser -> {
      List<JsonObject> rendered = new ArrayList<>();
      for (Typed t : page) {
        rendered.add(assemble(req, t.rt(), t.resource(), lr.attributes(), lr.excludedAttributes(),
            groupsByUser.get(t.resource().id())));
      }
      JsonObject body = new JsonObject().put("schemas", new JsonArray().add(LIST_RESPONSE)).put("totalResults", total);
      if (lr.cursor() == null) {
        body.put("startIndex", lr.startIndex());
      }
      body.put("itemsPerPage", page.size());
      if (nextCursor != null) {
        body.put("nextCursor", nextCursor);
      }
      if (lr.count() > 0) {
        JsonArray resources = new JsonArray();
        rendered.forEach(resources::add);
        body.put("Resources", resources);
      }
      return new StorageReply(200, body, null, null);
    });
  }

  /**
   * The resources of a type matching {@code filter}: the pushable AND-conjuncts go to the
   * provider, the rest is evaluated here. More than {@code max} candidates is a 400 tooMany: a
   * silently truncated answer would be wrong.
   */
  Future<List<StoredResource>> candidates(String tenant, ResourceType rt, Filter filter) {
    return candidates(tenant, rt, filter, options.maxInMemoryCandidates());
  }

  private Future<List<StoredResource>> candidates(String tenant, ResourceType rt, Filter filter, int max) {
    Split split = split(filter);
    StorageQuery q = new StorageQuery(split.pushed(), null, false, 0, max + 1);
    return provider.query(tenant, rt.name(), q).compose(found -> {
      if (found.size() > max) {
        return Future.failedFuture(new ScimError(400, ScimType.tooMany, "The filter matches more than " + max
            + " " + rt.name() + " resources that must be filtered or sorted in memory; narrow the filter"));
      }
      if (split.residual() == null) {
        return Future.succeededFuture(found);
      }
      return Future.succeededFuture(found.stream().filter(r -> evaluator.matches(rt, r.data(), split.residual()))
          .toList());
    });
  }

  private record Typed(ResourceType rt, StoredResource resource) {}

  /** The filter's top-level AND conjuncts, split into what the provider accepts and the residual. */
  private record Split(Filter pushed, Filter residual) {}

  private Split split(Filter filter) {
    if (filter == null) {
      return new Split(null, null);
    }
    if (provider.canPushDown(filter)) {
      return new Split(filter, null);
    }
    List<Filter> conjuncts = new ArrayList<>();
    flattenAnd(filter, conjuncts);
    Filter pushed = null;
    Filter residual = null;
    for (Filter c : conjuncts) {
      if (provider.canPushDown(c)) {
        pushed = pushed == null ? c : new Filter.And(pushed, c);
      } else {
        residual = residual == null ? c : new Filter.And(residual, c);
      }
    }
    return new Split(pushed, residual);
  }

  private static void flattenAnd(Filter f, List<Filter> out) {
    if (f instanceof Filter.And and) {
      flattenAnd(and.left(), out);
      flattenAnd(and.right(), out);
    } else {
      out.add(f);
    }
  }

  // ---------------------------------------------------------------- rendering

  /** The resource as a client sees it: meta.location, derived groups, projection (never a password). */
  private Future<JsonObject> render(StorageRequest req, ResourceType rt, StoredResource r, AttributeList attributes,
      AttributeList excluded) {
    if (!withGroups(rt, attributes, excluded)) {
      return Future.succeededFuture(assemble(req, rt, r, attributes, excluded, null));
    }
    return membership.groupsOf(req.tenant(), r.id(), req.baseUrl())
        .map(groups -> assemble(req, rt, r, attributes, excluded, groups));
  }

  private boolean withGroups(ResourceType rt, AttributeList attributes, AttributeList excluded) {
    return membership.derivesGroups(rt) && projectionReturnsGroups(rt, attributes, excluded);
  }

  private JsonObject assemble(StorageRequest req, ResourceType rt, StoredResource r, AttributeList attributes,
      AttributeList excluded, JsonArray groups) {
    JsonObject full = new JsonObject(new LinkedHashMap<>(r.data().getMap()));
    JsonObject meta = r.data().getJsonObject("meta");
    full.put("meta", (meta == null ? new JsonObject() : meta.copy()).put("location", location(req, rt, r.id())));
    if (groups != null && !groups.isEmpty()) {
      full.put("groups", groups);
    }
    // full is this request's own copy: when the projection keeps everything, it is the answer.
    return projection.keepsAll(rt, full, attributes, excluded) ? full : projection.apply(rt, full, attributes, excluded);
  }

  /** Whether the projection keeps {@code groups}: asked of the projection itself, on a stand-in. */
  private boolean projectionReturnsGroups(ResourceType rt, AttributeList attributes, AttributeList excluded) {
    if (attributes.isEmpty() && excluded.isEmpty()) {
      return true; // groups is returned by default; the common case needs no probe
    }
    JsonObject probe = new JsonObject().put("id", "probe").put("groups", new JsonArray()
        .add(new JsonObject().put("value", "v").put("$ref", "r").put("display", "d").put("type", "direct")));
    return projection.apply(rt, probe, attributes, excluded).containsKey("groups");
  }

  private static String location(StorageRequest req, ResourceType rt, String id) {
    String base = req.baseUrl() == null ? "" : req.baseUrl();
    int end = base.length();
    while (end > 0 && base.charAt(end - 1) == '/') {
      end--;
    }
    base = base.substring(0, end);
    return base + rt.endpoint() + "/" + id;
  }

  // ---------------------------------------------------------------- helpers

  private ResourceType resourceType(StorageRequest req) {
    if (req.resourceType() == null) {
      throw ScimError.notFound("The request names no resource type");
    }
    return registry.resourceType(req.resourceType())
        .orElseThrow(() -> ScimError.notFound("Unknown resource type '" + req.resourceType() + "'"));
  }

  private static String id(StorageRequest req) {
    if (req.id() == null || req.id().isBlank()) {
      throw ScimError.notFound("The request names no resource id");
    }
    return req.id();
  }

  private static JsonObject body(StorageRequest req) {
    if (req.body() == null) {
      throw ScimError.invalidSyntax("The request needs a JSON body");
    }
    return req.body();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static JsonObject meta(ResourceType rt, Instant created, Instant lastModified, long version) {
    return new JsonObject().put("resourceType", rt.name()).put("created", TIMESTAMP.format(created))
        .put("lastModified", TIMESTAMP.format(lastModified)).put("version", ETags.of(version));
  }

  /** schemas, id, the client's attributes, meta — the order a person reading the JSON expects. */
  private static JsonObject assemble(String id, JsonObject prepared, JsonObject meta) {
    JsonObject data = new JsonObject();
    if (prepared.containsKey("schemas")) {
      data.put("schemas", prepared.getValue("schemas"));
    }
    data.put("id", id);
    prepared.forEach(e -> {
      if (!e.getKey().equals("schemas") && !e.getKey().equals("id") && !e.getKey().equals("meta")) {
        data.put(e.getKey(), e.getValue());
      }
    });
    return data.put("meta", meta);
  }

  private static JsonObject withoutMeta(JsonObject data) {
    JsonObject copy = new JsonObject(new LinkedHashMap<>(data.getMap()));
    copy.remove("meta");
    return copy;
  }

  private static ChangeDraft draft(StorageRequest req, ResourceType rt, String operation, JsonObject before,
      JsonObject after, long version) {
    JsonObject event = ChangeEvent.of(rt, operation, before, after, false, null, req.tenant(), 0,
        Instant.now().getEpochSecond()).toJson();
    String id = after != null ? after.getString("id") : before.getString("id");
    return new ChangeDraft(rt.name(), id, operation, version, event);
  }

  private void publish(Committed c) {
    if (c.change() != null) {
      vertx.eventBus().publish(Addresses.CHANGES, c.change());
    }
  }

  /** A uniqueness conflict names the attribute and the value the client sent, nothing of other tenants. */
  private static Throwable conflict(Throwable t, JsonObject data) {
    if (t instanceof StorageException se && se.kind() == StorageException.Kind.CONFLICT) {
      String attribute = se.attribute() == null ? "A unique attribute" : se.attribute();
      Object value = se.attribute() == null ? null : UniqueKeys.displayValue(data, se.attribute());
      return ScimError.uniqueness(attribute + (value == null ? "" : " '" + value + "'")
          + " is already taken in this tenant");
    }
    return t;
  }

  private ScimError toScimError(Throwable t, StorageRequest req) {
    if (t instanceof ScimError e) {
      return e;
    }
    if (t instanceof StorageException se) {
      return switch (se.kind()) {
        case CONFLICT -> (ScimError) conflict(se, new JsonObject());
        case PRECONDITION -> ETags.isSpecific(req.ifMatch())
            ? ScimError.preconditionFailed("Resource " + req.id() + " does not match If-Match " + req.ifMatch())
            : new ScimError(409, null, "Resource " + req.id() + " was modified concurrently (concurrent modification, retry)");
        case NOT_FOUND -> ScimError.notFound("Resource " + req.id() + " not found");
        case UNAVAILABLE -> {
          LOG.log(System.Logger.Level.WARNING, "storage " + provider.name() + " unavailable: " + se.getMessage());
          yield new ScimError(503, null, "The storage backend is unavailable; retry in a few seconds");
        }
      };
    }
    LOG.log(System.Logger.Level.ERROR, "unexpected failure in " + req.operation() + " " + req.resourceType()
        + " (tenant " + req.tenant() + ")", t);
    return new ScimError(500, null, "Internal server error");
  }

  static Filter membersValueEq(String id) {
    return new Filter.Compare(AttributePath.of("members", "value"), CompareOp.EQ, id);
  }
}
