package dev.scimbus.storage;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.filter.Filter;
import dev.scimbus.scim.filter.FilterParser;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.projection.AttributeList;
import dev.scimbus.storage.bus.QueryParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The parsed and validated parameters of a list or search (RFC 7644 §3.4.2, §3.4.3). Lenient
 * where the RFC allows it (startIndex below 1 means 1, a negative count means 0, a count above
 * the maximum page size is capped) and strict where a client would otherwise get a silently
 * different answer (a non-numeric count or an unknown sortOrder is a 400).
 *
 * @param startIndex 1-based
 * @param cursor null for index paging; else RFC 9865 cursor paging, from the start when empty
 */
record ListRequest(Filter filter, AttributePath sortBy, boolean descending, int startIndex, int count,
    AttributeList attributes, AttributeList excludedAttributes, String cursor) {

  static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

  static ListRequest of(QueryParams q, ServiceOptions options) {
    Filter filter = q.filter() == null || q.filter().isBlank() ? null
        : FilterParser.parse(q.filter(), options.filterLimits());
    AttributePath sortBy = null;
    if (q.sortBy() != null && !q.sortBy().isBlank()) {
      try {
        sortBy = AttributePath.parse(q.sortBy());
      } catch (ScimError e) {
        throw ScimError.invalidValue("sortBy '" + q.sortBy() + "' is not an attribute path: " + e.detail());
      }
    }
    boolean descending = descending(q.sortOrder());
    long start = number("startIndex", q.startIndex(), 1);
    long count = number("count", q.count(), options.defaultPageSize());
    String cursor = q.cursor() == null ? null : q.cursor().trim();
    if (cursor != null && q.startIndex() != null && !q.startIndex().isBlank()) {
      throw ScimError.invalidValue("startIndex and cursor cannot be combined: use startIndex for index paging or "
          + "cursor for cursor paging (RFC 9865), not both");
    }
    return new ListRequest(filter, sortBy, descending, (int) Math.max(1, Math.min(start, Integer.MAX_VALUE)),
        (int) Math.max(0, Math.min(count, options.maxPageSize())), AttributeList.parse(q.attributes()),
        AttributeList.parse(q.excludedAttributes()), cursor);
  }

  /** Reads a SearchRequest body (POST .search) into the same parameters a GET would carry. */
  static QueryParams searchParams(JsonObject body) {
    if (body == null) {
      throw ScimError.invalidSyntax("A search needs a SearchRequest body with schemas [\"" + SEARCH_REQUEST + "\"]");
    }
    JsonArray schemas = body.getValue("schemas") instanceof JsonArray a ? a : new JsonArray();
    if (schemas.stream().noneMatch(s -> SEARCH_REQUEST.equalsIgnoreCase(String.valueOf(s)))) {
      throw ScimError.invalidSyntax("A SearchRequest must list \"" + SEARCH_REQUEST + "\" in 'schemas'");
    }
    return new QueryParams(text(body, "filter"), text(body, "sortBy"), text(body, "sortOrder"),
        text(body, "startIndex"), text(body, "count"), list(body, "attributes"), list(body, "excludedAttributes"),
        text(body, "cursor"));
  }

  private static boolean descending(String sortOrder) {
    if (sortOrder == null || sortOrder.isBlank() || sortOrder.equalsIgnoreCase("ascending")) {
      return false;
    }
    if (sortOrder.equalsIgnoreCase("descending")) {
      return true;
    }
    throw ScimError.invalidValue("sortOrder must be 'ascending' or 'descending', got '" + sortOrder + "'");
  }

  private static long number(String name, String value, long absent) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      // a huge but well-formed number is still a number: clamp it rather than reject it
      if (value.trim().matches("[-+]?\\d+")) {
        return value.trim().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
      }
      throw ScimError.invalidValue(name + " must be an integer, got '" + value + "'");
    }
  }

  private static String text(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (v instanceof String || v instanceof Number) {
      return v.toString();
    }
    throw ScimError.invalidSyntax("SearchRequest field '" + field + "' must be a string or number, got " + v);
  }

  private static String list(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v instanceof JsonArray a) {
      StringBuilder sb = new StringBuilder();
      for (Object o : a) {
        if (!(o instanceof String s)) {
          throw ScimError.invalidSyntax("SearchRequest '" + field + "' must hold attribute names, got " + o);
        }
        sb.append(sb.length() == 0 ? "" : ",").append(s);
      }
      return sb.toString();
    }
    return text(body, field);
  }
}
