package dev.scimbus.scim.validation;

/**
 * Where a value sits in a resource ({@code emails[1].value}, {@code urn:...:User:manager.value}),
 * for error messages. Validation walks every value of every request, and almost all of them are
 * valid, so the path is kept as links and only rendered by {@link #toString()} when an error
 * names it.
 *
 * @param parent null for a root: the resource itself (name "") or an extension (its URN)
 * @param index the element of a multi-valued attribute, or -1
 */
record FieldPath(FieldPath parent, String name, int index) {
  static final FieldPath RESOURCE = new FieldPath(null, "", -1);

  static FieldPath extension(String urn) {
    return new FieldPath(null, urn, -1);
  }

  FieldPath child(String attribute) {
    return new FieldPath(this, attribute, -1);
  }

  FieldPath element(int i) {
    return new FieldPath(parent, name, i);
  }

  @Override
  public String toString() {
    if (parent == null) {
      return name;
    }
    String above = parent.toString();
    String base = above.isEmpty() ? name : above + (parent.parent == null ? ":" : ".") + name;
    return index < 0 ? base : base + "[" + index + "]";
  }
}
