package dev.scimbus.storage.sqlite;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL with its bind parameters, in order. Fragments compose without ever putting a
 * value into the SQL text: every literal and JSON path travels as a parameter.
 */
record SqlFragment(String sql, List<Object> params) {

  SqlFragment {
    params = List.copyOf(params);
  }

  static SqlFragment of(String sql, Object... params) {
    return new SqlFragment(sql, List.of(params));
  }

  static final SqlFragment TRUE = of("1");
  static final SqlFragment FALSE = of("0");

  static SqlFragment constant(boolean b) {
    return b ? TRUE : FALSE;
  }

  /**
   * Fills the {@code {0}}, {@code {1}}, ... placeholders of {@code template} with fragments (a
   * placeholder may repeat). Parameters are collected left to right, in the order they appear in
   * the SQL; the template itself may not hold a {@code ?}.
   */
  static SqlFragment format(String template, SqlFragment... parts) {
    StringBuilder sql = new StringBuilder();
    List<Object> params = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      char ch = template.charAt(i);
      if (ch == '{') {
        int end = template.indexOf('}', i);
        SqlFragment part = parts[Integer.parseInt(template.substring(i + 1, end))];
        sql.append(part.sql);
        params.addAll(part.params);
        i = end + 1;
      } else {
        if (ch == '?') {
          throw new IllegalArgumentException("templates take parameters only through fragments: " + template);
        }
        sql.append(ch);
        i++;
      }
    }
    return new SqlFragment(sql.toString(), params);
  }

  /** A bind parameter on its own. */
  static SqlFragment param(Object value) {
    return of("?", value);
  }
}
