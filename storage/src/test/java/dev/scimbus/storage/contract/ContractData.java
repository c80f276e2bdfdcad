package dev.scimbus.storage.contract;

import dev.scimbus.scim.schema.SchemaRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fixed data set of the filter, sort and paging cases: twelve users created in this order
 * (one clock second apart) and four groups. Names are the keys the cases use: userName for users,
 * displayName for groups.
 */
final class ContractData {
  static final List<String> USERS = List.of("bjensen", "jsmith", "ajones", "mlee", "ZBrown", "kwong", "pgarcia",
      "ssato", "tnguyen", "oadams", "rpatel", "hkim");
  static final List<String> GROUPS = List.of("Admins", "Engineering", "Sales", "Empty");

  private ContractData() {}

  /** Creates the data set through {@code create} and returns name → id, in creation order. */
  static Map<String, String> load(Function<JsonObject, String> createUser, Function<JsonObject, String> createGroup) {
    Map<String, String> ids = new LinkedHashMap<>();
    for (JsonObject u : users()) {
      ids.put(u.getString("userName"), createUser.apply(u));
    }
    ids.put("Admins", createGroup.apply(group("Admins", ids.get("bjensen"), ids.get("jsmith"))));
    ids.put("Engineering", createGroup.apply(group("Engineering", ids.get("jsmith"), ids.get("ajones"), ids.get("rpatel"))));
    ids.put("Sales", createGroup.apply(group("Sales", ids.get("bjensen"), ids.get("mlee"))));
    ids.put("Empty", createGroup.apply(group("Empty")));
    return ids;
  }

  static List<JsonObject> users() {
    List<JsonObject> out = new ArrayList<>();
    out.add(u("bjensen").put("name", name("Jensen", "Barbara")).put("displayName", "Babs Jensen")
        .put("externalId", "E-bjensen").put("active", true).put("title", "Tour Guide").put("userType", "Employee")
        .put("emails", emails(email("bjensen@example.com", "work", true), email("babs@home.org", "home", false)))
        .put(SchemaRegistry.ENTERPRISE_USER, ent("Sales", "m1")));
    out.add(u("jsmith").put("name", name("Smith", "John")).put("displayName", "John Smith")
        .put("externalId", "E-JSMITH").put("active", true).put("title", "Engineer").put("userType", "Employee")
        .put("emails", emails(email("jsmith@example.com", "work", false)))
        .put(SchemaRegistry.ENTERPRISE_USER, ent("Engineering", "m1")));
    out.add(u("ajones").put("name", name("Jones", "Alice")).put("active", false).put("userType", "Contractor")
        .put("emails", emails(email("alice@example.org", "work", false)))
        .put(SchemaRegistry.ENTERPRISE_USER, ent("Engineering", null)));
    out.add(u("mlee").put("name", name("Lee", "Min")).put("active", true).put("title", "Engineer")
        .put(SchemaRegistry.ENTERPRISE_USER, ent("Sales", "m2")));
    out.add(u("ZBrown").put("name", name("Brown", "Zoe")).put("active", true)
        .put("emails", emails(email("zoe@example.com", "work", false), email("zb@home.org", "home", true))));
    out.add(u("kwong").put("name", new JsonObject().put("givenName", "Kim")).put("active", false)
        .put("userType", "Intern"));
    out.add(u("pgarcia").put("name", name("Garcia", "Pablo")).put("title", "Manager")
        .put(SchemaRegistry.ENTERPRISE_USER, ent("Marketing", null)));
    out.add(u("ssato").put("name", name("Sato", "Sakura")).put("nickName", "Saku"));
    out.add(u("tnguyen").put("name", name("Nguyen", "Tam")).put("active", true)
        .put("emails", emails(email("tnguyen@example.com", "work", false))));
    out.add(u("oadams").put("displayName", "Olivia Adams"));
    out.add(u("rpatel").put("name", name("Patel", "Ravi")).put("active", false).put("title", "Engineer")
        .put(SchemaRegistry.ENTERPRISE_USER, ent("Engineering", "m2")));
    out.add(u("hkim").put("name", name("Kim", "Hana"))
        .put("emails", emails(email("hkim@Example.COM", "work", false))));
    return out;
  }

  private static JsonObject u(String userName) {
    JsonArray schemas = new JsonArray().add(SchemaRegistry.USER);
    return new JsonObject().put("schemas", schemas).put("userName", userName);
  }

  private static JsonObject name(String family, String given) {
    return new JsonObject().put("familyName", family).put("givenName", given);
  }

  private static JsonObject email(String value, String type, boolean primary) {
    JsonObject e = new JsonObject().put("value", value).put("type", type);
    return primary ? e.put("primary", true) : e;
  }

  private static JsonArray emails(JsonObject... e) {
    return new JsonArray(List.of((Object[]) e));
  }

  private static JsonObject ent(String department, String manager) {
    JsonObject e = new JsonObject().put("department", department);
    return manager == null ? e : e.put("manager", new JsonObject().put("value", manager));
  }

  static JsonObject group(String displayName, String... memberIds) {
    return ContractSupport.group(displayName, memberIds);
  }
}
