package dev.scimbus.loadtest;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The single-tenant scenarios; each is small enough that one file reads better than six. */
final class Scenarios {

  static final int PAGE_SIZE = 50;

  private Scenarios() {}

  /** POST /Users with a fresh userName each time, so every request is a real insert. */
  static final class Create implements Scenario {
    private final Context ctx;

    Create(Context ctx) {
      this.ctx = ctx;
    }

    @Override
    public Future<?> execute(long seq, Tally tally) {
      String userName = "lt-" + ctx.fixture().runId() + "-c" + ctx.shard() + "-" + seq;
      JsonObject user = Payloads.user(userName, seq);
      if (Payloads.createWithPassword) {
        user.put("password", "Lt-" + userName + "-s3cret!");
      }
      return ctx.api().send(tally, ctx.primary(), POST, "/Users", user);
    }
  }

  /** GET /Users/{id} over the prepared users, a primary-key read. */
  static final class Get implements Scenario {
    private final Context ctx;

    Get(Context ctx) {
      this.ctx = ctx;
    }

    @Override
    public Future<?> execute(long seq, Tally tally) {
      Fixture.UserRef u = ctx.fixture().user(ctx.spread(seq));
      return ctx.api().send(tally, ctx.primary(), GET, "/Users/" + u.id(), null);
    }
  }

  /**
   * {@code userName eq} only: the look-up Entra ID and Okta send before every create, which a
   * server should answer from an index whatever the number of users.
   */
  static final class Lookup implements Scenario {
    private final Context ctx;

    Lookup(Context ctx) {
      this.ctx = ctx;
    }

    @Override
    public Future<?> execute(long seq, Tally tally) {
      Fixture.UserRef u = ctx.fixture().user(ctx.spread(seq));
      String filter = "userName eq \"" + u.userName() + "\"";
      return ctx.api().send(tally, ctx.primary(), GET, "/Users?filter=" + ScimApi.encode(filter), null)
          .compose(list -> list.getInteger("totalResults", 0) == 1
              ? Future.succeededFuture()
              : Future.failedFuture("filter " + filter + " did not find exactly one user"));
    }
  }

  /**
   * Alternates an indexed equality filter with a substring filter on a multi-valued attribute,
   * the two shapes identity providers and admin UIs send most.
   */
  static final class Filter implements Scenario {
    private final Context ctx;

    Filter(Context ctx) {
      this.ctx = ctx;
    }

    @Override
    public Future<?> execute(long seq, Tally tally) {
      Fixture.UserRef u = ctx.fixture().user(ctx.spread(seq / 2));
      String filter = seq % 2 == 0
          ? "userName eq \"" + u.userName() + "\""
          // The trailing "@" makes the substring unique, so both shapes return one resource.
          : "emails co \"" + u.userName() + "@\"";
      return ctx.api().send(tally, ctx.primary(), GET, "/Users?filter=" + ScimApi.encode(filter), null)
          .compose(list -> list.getInteger("totalResults", 0) >= 1
              ? Future.succeededFuture()
              : Future.failedFuture("filter " + filter + " found nothing"));
    }
  }

  /**
   * Even operations flip {@code active}; odd ones add a member to the tenant's group and remove
   * it again. Add and remove stay in one operation so concurrent operations never remove a
   * member before it was added.
   */
  static final class Patch implements Scenario {
    private final Context ctx;

    Patch(Context ctx) {
      this.ctx = ctx;
    }

    @Override
    public Future<?> execute(long seq, Tally tally) {
      Fixture.UserRef u = ctx.fixture().user(ctx.spread(seq / 2));
      if (seq % 2 == 0) {
        boolean active = (seq / 2) % 2 == 1;
        return ctx.api().send(tally, ctx.primary(), PATCH, "/Users/" + u.id(),
            Payloads.patch(Payloads.replace("active", active)));
      }
      String group = "/Groups/" + ctx.fixture().groupIdByTenant().get(ctx.primary().name());
      return ctx.api().send(tally, ctx.primary(), PATCH, group, Payloads.patch(Payloads.addMember(u.id())))
          .compose(x -> ctx.api().send(tally, ctx.primary(), PATCH, group,
              Payloads.patch(Payloads.removeMember(u.id()))));
    }
  }

  /**
   * Flips {@code active} on a different user each time, as an identity provider's
   * (de)provisioning wave does: concurrent writes of one tenant that share no resource.
   */
  static final class Update implements Scenario {
    private final Context ctx;

    Update(Context ctx) {
      this.ctx = ctx;
    }

    @Override
    public Future<?> execute(long seq, Tally tally) {
      Fixture.UserRef u = ctx.fixture().user(ctx.spread(seq));
      boolean active = (ctx.spread(seq) / ctx.users()) % 2 == 1;
      return ctx.api().send(tally, ctx.primary(), PATCH, "/Users/" + u.id(),
          Payloads.patch(Payloads.replace("active", active)));
    }
  }

  /** Walks the prepared users page by page, 50 at a time, as a directory sync does. */
  static final class ListPages implements Scenario {
    private final Context ctx;

    ListPages(Context ctx) {
      this.ctx = ctx;
    }

    @Override
    public Future<?> execute(long seq, Tally tally) {
      int pages = Math.max(1, (ctx.fixture().users().size() + PAGE_SIZE - 1) / PAGE_SIZE);
      long startIndex = 1 + Math.floorMod(ctx.spread(seq), (long) pages) * PAGE_SIZE;
      return ctx.api().send(tally, ctx.primary(), GET,
          "/Users?startIndex=" + startIndex + "&count=" + PAGE_SIZE, null);
    }
  }
}
