package dev.scimbus.scim.patch;

/**
 * One entry of a PatchOp message's {@code Operations} array, as the client sent it: the op name
 * (not yet validated, so that case quirks can be judged by {@link PatchOptions}), the path or
 * null, and the value as Vert.x JSON gives it ({@code JsonObject}, {@code JsonArray},
 * {@code String}, {@code Number}, {@code Boolean} or null).
 */
public record PatchOperation(String op, String path, Object value) {

  public static PatchOperation add(String path, Object value) {
    return new PatchOperation("add", path, value);
  }

  public static PatchOperation replace(String path, Object value) {
    return new PatchOperation("replace", path, value);
  }

  public static PatchOperation remove(String path) {
    return new PatchOperation("remove", path, null);
  }
}
