package dev.scimbus.storage.memory;

import dev.scimbus.scim.CaseFold;
import dev.scimbus.scim.filter.CompareOp;
import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.filter.FilterEvaluator;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.schema.AttributeDefinition;
import dev.scimbus.scim.schema.AttributeType;
import dev.scimbus.scim.schema.ResourceType;
import dev.scimbus.scim.schema.SchemaRegistry;
import dev.scimbus.scim.schema.Uniqueness;
import dev.scimbus.storage.spi.ChangeDraft;
import dev.scimbus.storage.spi.ChangeRow;
import dev.scimbus.storage.spi.Committed;
import dev.scimbus.storage.spi.KeyedResource;
import dev.scimbus.storage.spi.Keyset;
import dev.scimbus.storage.spi.StorageException;
import dev.scimbus.storage.spi.KeysetStorageProvider;
import dev.scimbus.storage.spi.StorageQuery;
import dev.scimbus.storage.spi.StoredResource;
import dev.scimbus.storage.spi.UniqueKey;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A backend that keeps everything in the JVM heap: for tests, demos and single-node setups that
 * accept losing data on restart. Every tenant has its own state guarded by its own lock, so
 * writes are atomic with their unique keys and change row, and tenants never contend.
 *
 * <p>It evaluates every filter and sort exactly with the kernel {@link FilterEvaluator}, so
 * {@link #canPushDown} and {@link #canSort} are always true. {@code id eq}, {@code eq} on a
 * unique attribute (userName) and {@code members.value eq} (alone or as one conjunct of an AND)
 * are answered from maps instead of a scan. Without a sort, resources come back in insertion
 * order, which is the default order the service pages over; the insertion rank is the keyset
 * position of cursor paging, applied here natively.
 */
public final class MemoryStorageProvider implements KeysetStorageProvider {
  private static final AttributePath MEMBERS_VALUE = AttributePath.of("members", "value");
  /**
   * Non-unique top-level attributes with an equality index, the ones identity providers match on
   * besides userName (which the unique index answers): a scan decodes every resource of the type.
   */
  private static final List<String> EQ_INDEXED = List.of("externalId", "displayName");
  /** The index key of group membership: members.value, lower-cased (the schema says not caseExact). */
  private static final String MEMBERS = "members.value";
  private static final Set<CompareOp> TEXT_OPS = EnumSet.of(CompareOp.EQ, CompareOp.CO, CompareOp.SW, CompareOp.EW);

  private final SchemaRegistry registry;
  private final FilterEvaluator evaluator;
  private final Map<String, TenantState> tenants = new ConcurrentHashMap<>();

  public MemoryStorageProvider(SchemaRegistry registry) {
    this.registry = registry;
    this.evaluator = new FilterEvaluator(registry);
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Future<Void> start() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    return Future.succeededFuture();
  }

  @Override
  public boolean canPushDown(Filter filter) {
    return true;
  }

  @Override
  public boolean canSort(AttributePath sortBy) {
    return true;
  }

  @Override
  public Future<StoredResource> get(String tenant, String resourceType, String id) {
    return call(() -> tenant(tenant).read(s -> {
      Entry e = s.type(resourceType).byId.get(id);
      if (e == null) {
        throw StorageException.notFound("Resource " + id + " not found");
      }
      return e;
    }).resource());
  }

  @Override
  public Future<Committed> insert(String tenant, StoredResource resource, List<UniqueKey> uniqueKeys,
      ChangeDraft change) {
    return call(() -> tenant(tenant).write(s -> {
      TypeState t = s.type(resource.resourceType());
      if (t.byId.containsKey(resource.id())) {
        throw StorageException.conflict("id", "id " + resource.id() + " is taken");
      }
      t.checkFree(uniqueKeys, null);
      t.put(new Entry(resource, uniqueKeys, t.nextOrder++, indexKeys(resource)));
      return new Committed(resource, s.append(tenant, change));
    }));
  }

  @Override
  public Future<Committed> replace(String tenant, StoredResource resource, long expectedVersion,
      List<UniqueKey> uniqueKeys, ChangeDraft change) {
    return call(() -> tenant(tenant).write(s -> {
      TypeState t = s.type(resource.resourceType());
      Entry old = t.existing(resource.id(), expectedVersion);
      t.checkFree(uniqueKeys, resource.id());
      t.remove(old);
      t.put(new Entry(resource, uniqueKeys, old.order, indexKeys(resource)));
      return new Committed(resource, s.append(tenant, change));
    }));
  }

  @Override
  public Future<Committed> delete(String tenant, String resourceType, String id, long expectedVersion,
      ChangeDraft change) {
    return call(() -> tenant(tenant).write(s -> {
      TypeState t = s.type(resourceType);
      t.remove(t.existing(id, expectedVersion));
      t.byId.remove(id);
      return new Committed(null, s.append(tenant, change));
    }));
  }

  @Override
  public Future<List<KeyedResource>> queryKeyed(String tenant, String resourceType, StorageQuery query) {
    return call(() -> {
      ResourceType rt = resourceType(resourceType);
      if (query.filter() == null && query.sortBy() == null && query.after() == null) {
        return window(tenant, rt, query);
      }
      List<KeyedResource> matches = matching(tenant, rt, query.filter());
      if (query.sortBy() != null) {
        Comparator<JsonObject> byAttribute = evaluator.sortComparator(rt, query.sortBy(), query.descending());
        matches.sort(Comparator.comparing(k -> k.resource().data(), byAttribute));
      }
      Keyset after = query.after();
      if (after != null) {
        matches.removeIf(k -> !isAfter(rt, query, k, after));
      }
      int from = Math.min(Math.max(0, query.offset()), matches.size());
      int to = query.limit() < 0 ? matches.size() : (int) Math.min(matches.size(), (long) from + query.limit());
      return new ArrayList<>(matches.subList(from, to));
    });
  }

  /** A page of everything in creation order, without copying the whole type first. */
  private List<KeyedResource> window(String tenant, ResourceType rt, StorageQuery query) {
    List<Entry> page = tenant(tenant).read(s -> {
      long skip = Math.max(0, query.offset());
      long take = query.limit() < 0 ? Long.MAX_VALUE : query.limit();
      List<Entry> out = new ArrayList<>((int) Math.min(take, 1024));
      for (Entry e : s.type(rt.name()).byId.values()) {
        if (skip > 0) {
          skip--;
        } else if (out.size() < take) {
          out.add(e);
        } else {
          break;
        }
      }
      return out;
    });
    return keyed(page);
  }

  /**
   * Text that every match must contain in its encoded JSON: the values of string comparisons
   * ({@code eq co sw ew}) that the filter's AND-chain requires, when printable ASCII with nothing
   * JSON escapes. Such a value appears verbatim in the bytes of a match, in some letter case; so
   * a resource whose bytes are all ASCII and lack it is skipped without decoding it. Resources
   * with other bytes are always decoded, since Unicode case rules map some of them to ASCII.
   */
  private List<byte[]> needles(ResourceType rt, Filter filter) {
    if (filter instanceof Filter.And and) {
      List<byte[]> out = new ArrayList<>(needles(rt, and.left()));
      out.addAll(needles(rt, and.right()));
      return out;
    }
    if (!(filter instanceof Filter.Compare c) || !(c.value() instanceof String v)
        || !TEXT_OPS.contains(c.op())
        || !AsciiSearch.isPlain(v) || !comparesText(rt, c.path())) {
      return List.of();
    }
    return List.of(AsciiSearch.lower(v));
  }

  /** Whether the path ends at a string or reference (a complex one compares its value). */
  private boolean comparesText(ResourceType rt, AttributePath path) {
    return registry.resolve(rt, path).map(ra -> {
      AttributeDefinition def = ra.subAttribute() != null ? ra.subAttribute() : ra.attribute();
      if (def.isComplex()) {
        def = def.subAttribute("value").orElse(def);
      }
      return def.type() == AttributeType.STRING || def.type() == AttributeType.REFERENCE;
    }).orElse(false);
  }

  /**
   * What the non-unique indexes hold of a resource: index name → keys. {@link #EQ_INDEXED}
   * attributes under their lower-case name (folded unless caseExact), member ids under
   * {@link #MEMBERS}.
   */
  private Map<String, Set<String>> indexKeys(StoredResource r) {
    Map<String, Set<String>> out = new HashMap<>(4);
    ResourceType rt = resourceType(r.resourceType());
    for (String name : EQ_INDEXED) {
      if (r.data().getValue(name) instanceof String v) {
        registry.resolve(rt, AttributePath.of(name, null)).filter(ra -> !ra.extension() && ra.subAttribute() == null)
            .ifPresent(ra -> out.put(name.toLowerCase(Locale.ROOT), Set.of(indexKey(ra.attribute(), v))));
      }
    }
    Set<String> members = new LinkedHashSet<>();
    if (r.data().getValue("members") instanceof JsonArray arr) {
      for (Object o : arr) {
        if (o instanceof JsonObject m && m.getValue("value") instanceof String v) {
          members.add(v.toLowerCase(Locale.ROOT));
        }
      }
    }
    if (!members.isEmpty()) {
      out.put(MEMBERS, members);
    }
    return out;
  }

  /** A value as an equality index on {@code def} holds it: as is when caseExact, else case-folded. */
  private static String indexKey(AttributeDefinition def, String value) {
    return def.caseExact() ? value : CaseFold.fold(value);
  }

  /** Decodes entries outside the tenant's lock. */
  private static List<KeyedResource> keyed(Collection<Entry> entries) {
    List<KeyedResource> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(e.keyed());
    }
    return out;
  }

  private boolean isAfter(ResourceType rt, StorageQuery query, KeyedResource k, Keyset after) {
    if (query.sortBy() == null) {
      int c = Long.compare(k.position(), after.position());
      return c > 0 || c == 0 && k.resource().id().compareTo(after.id()) > 0;
    }
    return evaluator.compareToPosition(rt, query.sortBy(), query.descending(), k.resource().data(),
        (Comparable<?>) after.sortValue(), after.id()) > 0;
  }

  @Override
  public Future<Long> count(String tenant, String resourceType, Filter filter) {
    return call(() -> {
      ResourceType rt = resourceType(resourceType);
      return filter == null ? tenant(tenant).read(s -> (long) s.type(rt.name()).byId.size())
          : (long) matching(tenant, rt, filter).size();
    });
  }

  @Override
  public Future<List<ChangeRow>> changesAfter(String tenant, long afterSequence, int limit) {
    return call(() -> tenant(tenant).read(s -> {
      List<Logged> out = new ArrayList<>();
      for (Logged logged : s.log) {
        if (out.size() >= limit) {
          break;
        }
        if (logged.row().sequence() > afterSequence) {
          out.add(logged);
        }
      }
      return out;
    }).stream().map(Logged::decoded).toList());
  }

  @Override
  public Future<Long> oldestSequence(String tenant) {
    return call(() -> tenant(tenant).read(TenantState::oldestSequence));
  }

  @Override
  public Future<Long> pruneChanges(String tenant, Instant olderThan, long maxRows) {
    TenantState state = tenants.get(tenant);
    return call(() -> state == null ? 0L : state.write(s -> s.prune(olderThan, maxRows)));
  }

  @Override
  public Future<List<String>> tenantsWithChanges() {
    return call(() -> tenants.entrySet().stream().filter(e -> e.getValue().read(s -> !s.log.isEmpty()))
        .map(Map.Entry::getKey).toList());
  }

  private List<KeyedResource> matching(String tenant, ResourceType rt, Filter filter) {
    List<Entry> entries = tenant(tenant).read(s -> new ArrayList<>(candidates(s.type(rt.name()), rt, filter)));
    List<byte[]> needles = filter == null ? List.of() : needles(rt, filter);
    if (!needles.isEmpty()) {
      entries.removeIf(e -> e.ascii && !AsciiSearch.containsAll(e.json, needles));
    }
    List<KeyedResource> candidates = keyed(entries);
    if (filter == null) {
      return candidates;
    }
    List<KeyedResource> out = new ArrayList<>();
    for (KeyedResource k : candidates) {
      if (evaluator.matches(rt, k.resource().data(), filter)) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * The resources that may match: from an index when the filter (or one of its AND conjuncts) is
   * an equality an index answers, else all of them. The caller still evaluates the whole filter.
   */
  private Collection<Entry> candidates(TypeState t, ResourceType rt, Filter filter) {
    Optional<Collection<Entry>> indexed = indexed(t, rt, filter);
    if (indexed.isPresent()) {
      return indexed.get();
    }
    return t.byId.values();
  }

  private Optional<Collection<Entry>> indexed(TypeState t, ResourceType rt, Filter filter) {
    if (filter instanceof Filter.And and) {
      Optional<Collection<Entry>> left = indexed(t, rt, and.left());
      return left.isPresent() ? left : indexed(t, rt, and.right());
    }
    if (filter instanceof Filter.ValuePath vp && vp.attribute().attribute().equalsIgnoreCase("members")
        && vp.attribute().subAttribute() == null && vp.filter() instanceof Filter.Compare c
        && c.op() == CompareOp.EQ && c.value() instanceof String v && c.path().attribute().equalsIgnoreCase("value")) {
      return Optional.of(t.withKey(MEMBERS, v.toLowerCase(Locale.ROOT)));
    }
    if (!(filter instanceof Filter.Compare c) || c.op() != CompareOp.EQ || !(c.value() instanceof String value)) {
      return Optional.empty();
    }
    if (c.path().sameAs(MEMBERS_VALUE)) {
      return Optional.of(t.withKey(MEMBERS, value.toLowerCase(Locale.ROOT)));
    }
    if (c.path().schemaUrn() != null || c.path().subAttribute() != null) {
      return Optional.empty();
    }
    if (c.path().attribute().equalsIgnoreCase("id")) {
      Entry e = t.byId.get(value);
      return Optional.of(e == null ? List.of() : List.of(e));
    }
    String attribute = c.path().attribute().toLowerCase(Locale.ROOT);
    if (EQ_INDEXED.stream().anyMatch(a -> a.equalsIgnoreCase(attribute))) {
      Optional<Collection<Entry>> hits = registry.resolve(rt, c.path())
          .filter(ra -> !ra.extension() && ra.subAttribute() == null)
          .map(ra -> t.withKey(attribute, indexKey(ra.attribute(), value)));
      if (hits.isPresent()) {
        return hits;
      }
    }
    return registry.resolve(rt, c.path())
        .filter(ra -> !ra.extension() && ra.subAttribute() == null && ra.attribute().uniqueness() != Uniqueness.NONE)
        .map(ra -> {
          AttributeDefinition def = ra.attribute();
          String key = indexKey(def, value);
          String id = t.unique.getOrDefault(def.name().toLowerCase(Locale.ROOT), Map.of()).get(key);
          Entry e = id == null ? null : t.byId.get(id);
          return e == null ? List.<Entry>of() : List.of(e);
        });
  }

  private ResourceType resourceType(String name) {
    return registry.resourceType(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown resource type " + name));
  }

  private TenantState tenant(String tenant) {
    return tenants.computeIfAbsent(tenant, k -> new TenantState());
  }

  private static <T> Future<T> call(Supplier<T> body) {
    try {
      return Future.succeededFuture(body.get());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * One stored resource, its JSON kept encoded: one byte array instead of a tree of maps and
   * strings per resource. Tens of thousands of trees are what the garbage collector copies while
   * they are young and what a read walks through cold memory; the bytes are compact, contiguous,
   * and decoded into a fresh tree that the reader owns. {@code order} is the insertion rank, kept
   * across replaces, so index hits come back in the default order.
   */
  private static final class Entry {
    final String type;
    final String id;
    final long version;
    final Instant created;
    final Instant lastModified;
    final byte[] json;
    final List<UniqueKey> keys;
    final long order;
    /** Its keys in the non-unique indexes ({@link #indexKeys}). */
    final Map<String, Set<String>> indexKeys;
    /** Whether every byte of {@code json} is ASCII (see {@link #needles}). */
    final boolean ascii;

    Entry(StoredResource r, List<UniqueKey> keys, long order, Map<String, Set<String>> indexKeys) {
      this.type = r.resourceType();
      this.id = r.id();
      this.version = r.version();
      this.created = r.created();
      this.lastModified = r.lastModified();
      this.json = r.data().toBuffer().getBytes();
      this.keys = List.copyOf(keys);
      this.order = order;
      this.indexKeys = indexKeys;
      this.ascii = AsciiSearch.isAscii(json);
    }

    StoredResource resource() {
      return new StoredResource(type, id, version, created, lastModified, new JsonObject(Buffer.buffer(json)));
    }

    KeyedResource keyed() {
      return new KeyedResource(resource(), order);
    }
  }

  /** A change as the log keeps it: the row without its event, and the event encoded. */
  private record Logged(ChangeRow row, byte[] event) {
    ChangeRow decoded() {
      return new ChangeRow(row.tenant(), row.sequence(), row.committedAt(), row.resourceType(), row.resourceId(),
          row.operation(), row.version(), new JsonObject(Buffer.buffer(event)));
    }
  }

  /** One tenant: its resources per type and its change log, all behind one lock. */
  private static final class TenantState {
    private final Map<String, TypeState> types = new HashMap<>();
    private final List<Logged> log = new ArrayList<>();
    private long sequence;

    synchronized <T> T read(java.util.function.Function<TenantState, T> f) {
      return f.apply(this);
    }

    synchronized <T> T write(java.util.function.Function<TenantState, T> f) {
      return f.apply(this);
    }

    TypeState type(String name) {
      return types.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new TypeState());
    }

    long oldestSequence() {
      return !log.isEmpty() ? log.get(0).row().sequence() : sequence == 0 ? 0 : sequence + 1;
    }

    /** Drops the prefix of the log that is too old or beyond the newest {@code maxRows}. */
    long prune(Instant olderThan, long maxRows) {
      int cut = (int) Math.max(0, log.size() - Math.max(0, maxRows));
      while (cut < log.size() && log.get(cut).row().committedAt().isBefore(olderThan)) {
        cut++;
      }
      log.subList(0, cut).clear();
      return cut;
    }

    ChangeRow append(String tenant, ChangeDraft d) {
      ChangeRow row = new ChangeRow(tenant, ++sequence, Instant.now(), d.resourceType(), d.resourceId(),
          d.operation(), d.version(), d.event());
      log.add(new Logged(new ChangeRow(row.tenant(), row.sequence(), row.committedAt(), row.resourceType(),
          row.resourceId(), row.operation(), row.version(), null), d.event().toBuffer().getBytes()));
      return row;
    }
  }

  /** The resources of one type in one tenant, in insertion order, with their indexes. */
  private static final class TypeState {
    private final LinkedHashMap<String, Entry> byId = new LinkedHashMap<>();
    /** attribute (lower case) → normalized value → id. */
    private final Map<String, Map<String, String>> unique = new HashMap<>();
    /** index name → key → resource ids: {@link #EQ_INDEXED} attributes and {@link #MEMBERS}. */
    private final Map<String, Map<String, Set<String>>> indexes = new HashMap<>();
    private long nextOrder;

    Entry existing(String id, long expectedVersion) {
      Entry e = byId.get(id);
      if (e == null) {
        throw StorageException.notFound("Resource " + id + " not found");
      }
      if (e.version != expectedVersion) {
        throw StorageException.precondition("Resource " + id + " is at version " + e.version
            + ", not " + expectedVersion);
      }
      return e;
    }

    void checkFree(List<UniqueKey> keys, String self) {
      for (UniqueKey k : keys) {
        String owner = unique.getOrDefault(k.attribute().toLowerCase(Locale.ROOT), Map.of()).get(k.value());
        if (owner != null && !owner.equals(self)) {
          throw StorageException.conflict(k.attribute(), k.attribute() + " is taken");
        }
      }
    }

    void put(Entry e) {
      // LinkedHashMap keeps the original position of a replaced key: insertion order survives replaces
      byId.put(e.id, e);
      for (UniqueKey k : e.keys) {
        unique.computeIfAbsent(k.attribute().toLowerCase(Locale.ROOT), x -> new HashMap<>()).put(k.value(), e.id);
      }
      e.indexKeys.forEach((index, keys) -> {
        Map<String, Set<String>> byKey = indexes.computeIfAbsent(index, x -> new HashMap<>());
        keys.forEach(key -> byKey.computeIfAbsent(key, x -> new LinkedHashSet<>()).add(e.id));
      });
    }

    void remove(Entry e) {
      for (UniqueKey k : e.keys) {
        Map<String, String> m = unique.get(k.attribute().toLowerCase(Locale.ROOT));
        if (m != null) {
          m.remove(k.value(), e.id);
        }
      }
      e.indexKeys.forEach((index, keys) -> {
        Map<String, Set<String>> byKey = indexes.get(index);
        for (String key : keys) {
          Set<String> ids = byKey == null ? null : byKey.get(key);
          if (ids != null) {
            ids.remove(e.id);
            if (ids.isEmpty()) {
              byKey.remove(key);
            }
          }
        }
      });
    }

    /** The resources that {@code index} lists under {@code key}, in insertion order. */
    List<Entry> withKey(String index, String key) {
      Set<String> ids = indexes.getOrDefault(index, Map.of()).getOrDefault(key, Set.of());
      return ids.stream().map(byId::get).sorted(Comparator.comparingLong((Entry e) -> e.order)).toList();
    }
  }
}
