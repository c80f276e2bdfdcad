package dev.scimbus.scim.filter;

import dev.scimbus.scim.ScimError;
import dev.scimbus.scim.ScimType;
import dev.scimbus.scim.path.AttributePath;
import dev.scimbus.scim.path.PatchPath;
import java.math.BigDecimal;

/**
 * A hand-written recursive-descent parser for the SCIM filter grammar of RFC 7644 §3.4.2.2 and,
 * sharing the same scanner, the PATCH path grammar of §3.5.2. Operators, {@code and}/{@code or}/
 * {@code not} and the literals {@code true}/{@code false}/{@code null} ignore case; precedence is
 * {@code not} over {@code and} over {@code or}, both binary operators associating to the left.
 * Every error is a {@link ScimError} (400 {@code invalidFilter}, or {@code invalidPath} for PATCH
 * paths) naming the 1-based character position and what was expected there.
 */
public final class FilterParser {
  private static final String OPERATORS = "an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)";
  private static final String VALUE = "a value (a quoted string, a number, true, false or null)";

  private final String text;
  private final int len;
  private final FilterLimits limits;
  private final ScimType errorType;
  private final String subject;
  private int pos;

  private FilterParser(String text, FilterLimits limits, ScimType errorType, String subject) {
    this.text = text;
    this.len = text.length();
    this.limits = limits;
    this.errorType = errorType;
    this.subject = subject;
  }

  /** Parses a filter with {@link FilterLimits#DEFAULT}. */
  public static Filter parse(String text) {
    return parse(text, FilterLimits.DEFAULT);
  }

  public static Filter parse(String text, FilterLimits limits) {
    FilterParser p = start(text, limits, ScimType.invalidFilter, "filter");
    Filter f = p.parseOr(0, -1);
    p.skipWs();
    if (p.pos < p.len) {
      throw p.expected("'and', 'or' or the end of the filter");
    }
    return f;
  }

  /**
   * Parses a PATCH operation path (RFC 7644 §3.5.2): {@code attrPath}, {@code attrPath[valFilter]}
   * or {@code attrPath[valFilter].subAttr}. Errors are {@code invalidPath}. Public only so that
   * {@link PatchPath#parse} in another package can share this scanner.
   */
  public static PatchPath parsePatchPath(String text) {
    FilterParser p = start(text == null ? null : text.strip(), FilterLimits.DEFAULT, ScimType.invalidPath, "path");
    AttributePath attr = p.readPath();
    if (p.pos == p.len) {
      return new PatchPath(attr, null, null);
    }
    if (p.peek() != '[') {
      throw p.expected("'[' or the end of the path");
    }
    Filter inner = p.parseBrackets(attr, 0);
    if (p.pos == p.len) {
      return new PatchPath(attr, inner, null);
    }
    if (p.peek() != '.') {
      throw p.expected("'.' followed by a sub-attribute name, or the end of the path");
    }
    p.pos++;
    int nameStart = p.pos;
    while (p.pos < p.len && isPathChar(p.peek())) {
      p.pos++;
    }
    String sub = p.text.substring(nameStart, p.pos);
    if (!AttributePath.isValidName(sub)) {
      p.pos = nameStart;
      throw p.expected("a sub-attribute name");
    }
    if (p.pos < p.len) {
      throw p.expected("the end of the path");
    }
    return new PatchPath(attr, inner, sub);
  }

  private static FilterParser start(String text, FilterLimits limits, ScimType type, String subject) {
    if (text == null || text.isBlank()) {
      String example = type == ScimType.invalidPath ? "emails[type eq \"work\"].value" : "userName eq \"bjensen\"";
      throw new ScimError(400, type, "The " + subject + " is empty; expected for example '" + example + "'");
    }
    if (text.length() > limits.maxLength()) {
      throw new ScimError(400, type, "The " + subject + " is " + text.length()
          + " characters long; the limit (maxLength) is " + limits.maxLength());
    }
    return new FilterParser(text, limits, type, subject);
  }

  // --- filter grammar -------------------------------------------------------------------------

  /** {@code valueStart} is the position of the enclosing '[' or -1 outside value paths. */
  private Filter parseOr(int depth, int valueStart) {
    Filter left = parseAnd(depth, valueStart);
    while (keyword("or")) {
      left = new Filter.Or(left, parseAnd(depth, valueStart));
    }
    return left;
  }

  private Filter parseAnd(int depth, int valueStart) {
    Filter left = parseUnary(depth, valueStart);
    while (keyword("and")) {
      left = new Filter.And(left, parseUnary(depth, valueStart));
    }
    return left;
  }

  private Filter parseUnary(int depth, int valueStart) {
    skipWs();
    if (pos == len) {
      throw expected("an attribute path, '(' or 'not'");
    }
    if (peek() == '(') {
      enter(depth + 1);
      pos++;
      Filter f = parseOr(depth + 1, valueStart);
      close(')');
      return f;
    }
    if (isNotKeyword()) {
      int afterNot = skipWsFrom(pos + 3);
      enter(depth + 1);
      pos = afterNot + 1;
      Filter inner = parseOr(depth + 1, valueStart);
      close(')');
      return new Filter.Not(inner);
    }
    return parseAttrExp(depth, valueStart);
  }

  /**
   * 'not' is a keyword only when an opening parenthesis follows; otherwise it may still be an
   * attribute called "not", which a following operator or '[' reveals.
   */
  private boolean isNotKeyword() {
    if (pos + 3 > len || !text.regionMatches(true, pos, "not", 0, 3)) {
      return false;
    }
    if (pos + 3 < len && isPathChar(text.charAt(pos + 3))) {
      return false;
    }
    int next = skipWsFrom(pos + 3);
    if (next < len && text.charAt(next) == '(') {
      return true;
    }
    if (next < len && text.charAt(next) == '[' || next == pos + 3) {
      return false;
    }
    int wordEnd = next;
    while (wordEnd < len && isLetter(text.charAt(wordEnd))) {
      wordEnd++;
    }
    String word = text.substring(next, wordEnd);
    if (word.equalsIgnoreCase("pr") || CompareOp.fromToken(word) != null) {
      return false;
    }
    pos = next;
    throw expected("'(' after 'not'");
  }

  private Filter parseAttrExp(int depth, int valueStart) {
    AttributePath path = readPath();
    if (pos < len && peek() == '[') {
      if (valueStart >= 0) {
        throw error("Value paths cannot be nested: '[' at position " + (pos + 1)
            + " is inside the value filter opened at position " + (valueStart + 1));
      }
      Filter inner = parseBrackets(path, depth);
      if (pos < len && peek() == '.') {
        throw error("A value path in a filter cannot be followed by '.subAttribute' (position " + (pos + 1)
            + "); write the sub-attribute inside the brackets, e.g. emails[type eq \"work\" and value co \"@example.com\"]");
      }
      return new Filter.ValuePath(path, inner);
    }
    int wsStart = pos;
    skipWs();
    if (pos == wsStart && pos < len) {
      throw expected(OPERATORS);
    }
    int opStart = pos;
    while (pos < len && isLetter(peek())) {
      pos++;
    }
    String word = text.substring(opStart, pos);
    if (word.equalsIgnoreCase("pr") && atDelimiter()) {
      rejectValueAfterPr();
      return new Filter.Present(path);
    }
    CompareOp op = CompareOp.fromToken(word);
    if (op == null || word.isEmpty()) {
      pos = opStart;
      throw expected(OPERATORS);
    }
    skipWs();
    return new Filter.Compare(path, op, readValue());
  }

  private Filter parseBrackets(AttributePath attr, int depth) {
    if (attr.hasSubAttribute()) {
      throw error("A value filter '[...]' applies to a multi-valued attribute, not to the sub-attribute '"
          + attr + "' (position " + (pos + 1) + ")");
    }
    int open = pos;
    enter(depth + 1);
    pos++;
    Filter inner = parseOr(depth + 1, open);
    close(']');
    return inner;
  }

  private void rejectValueAfterPr() {
    int save = pos;
    skipWs();
    if (pos < len) {
      char c = peek();
      boolean literal = c == '"' || c == '-' || isDigit(c) || startsWord("true") || startsWord("false") || startsWord("null");
      if (literal) {
        throw error("The 'pr' operator takes no value, but found " + found() + " at position " + (pos + 1));
      }
    }
    pos = save;
  }

  // --- tokens ---------------------------------------------------------------------------------

  private AttributePath readPath() {
    skipWs();
    int start = pos;
    while (pos < len && isPathChar(peek())) {
      pos++;
    }
    if (pos == start) {
      throw expected("an attribute path, '(' or 'not'");
    }
    String token = text.substring(start, pos);
    String urn = null;
    int nameStart = 0;
    if (token.regionMatches(true, 0, "urn:", 0, 4)) {
      int colon = token.lastIndexOf(':');
      urn = token.substring(0, colon);
      nameStart = colon + 1;
      if (!validUrn(urn)) {
        pos = start;
        throw expected("a schema URN such as urn:ietf:params:scim:schemas:core:2.0:User followed by ':' and an attribute name");
      }
    } else if (token.indexOf(':') >= 0) {
      throw error("':' at position " + (start + token.indexOf(':') + 1)
          + " may only appear in a schema URN prefix (urn:...:attribute), not in '" + token + "'");
    }
    int dot = token.indexOf('.', nameStart);
    String attr = token.substring(nameStart, dot < 0 ? token.length() : dot);
    String sub = dot < 0 ? null : token.substring(dot + 1);
    if (!AttributePath.isValidName(attr)) {
      pos = start + nameStart;
      throw expected("an attribute name (a letter followed by letters, digits, '-' or '_')");
    }
    if (sub != null && !AttributePath.isValidName(sub)) {
      pos = start + dot + 1;
      throw expected(sub.indexOf('.') >= 0 ? "a single sub-attribute name (paths have at most one '.')"
          : "a sub-attribute name (a letter followed by letters, digits, '-' or '_')");
    }
    return new AttributePath(urn, attr, sub);
  }

  /** At least {@code urn:NID:NSS}, with no empty segment. */
  private static boolean validUrn(String urn) {
    int colons = 0;
    char prev = ':';
    for (int i = 0; i < urn.length(); i++) {
      char c = urn.charAt(i);
      if (c == ':') {
        if (prev == ':') {
          return false;
        }
        colons++;
      } else if (c == '$') {
        return false;
      }
      prev = c;
    }
    return colons >= 2;
  }

  private Object readValue() {
    if (pos == len) {
      throw expected(VALUE);
    }
    int start = pos;
    char c = peek();
    Object value;
    if (c == '"') {
      value = readString();
    } else if (c == '-' || isDigit(c)) {
      value = readNumber();
    } else if (startsWord("true")) {
      pos += 4;
      value = Boolean.TRUE;
    } else if (startsWord("false")) {
      pos += 5;
      value = Boolean.FALSE;
    } else if (startsWord("null")) {
      pos += 4;
      value = null;
    } else {
      throw expected(VALUE);
    }
    if (!atDelimiter()) {
      throw error("Expected whitespace, ')', ']' or the end of the " + subject + " after the value at position "
          + (start + 1) + " but found " + found() + " at position " + (pos + 1));
    }
    return value;
  }

  private String readString() {
    int open = pos++;
    StringBuilder sb = null;
    int runStart = pos;
    while (pos < len) {
      char c = text.charAt(pos);
      if (c == '"') {
        String s = sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
        pos++;
        return s;
      }
      if (c < 0x20) {
        throw error(String.format("Control character U+%04X at position %d must be escaped inside a string", (int) c, pos + 1));
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      sb.append(text, runStart, pos);
      sb.append(readEscape());
      runStart = pos;
    }
    throw error("Unterminated string starting at position " + (open + 1) + ": expected a closing '\"' before the end of the " + subject);
  }

  /** Reads one escape sequence at {@code pos} (the backslash) and returns the character. */
  private char readEscape() {
    int at = pos;
    if (pos + 1 >= len) {
      throw error("Unterminated string: '\\' at position " + (at + 1) + " ends the " + subject);
    }
    char e = text.charAt(pos + 1);
    pos += 2;
    switch (e) {
      case '"': return '"';
      case '\\': return '\\';
      case '/': return '/';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'u': {
        int code = 0;
        for (int i = 0; i < 4; i++) {
          int d = pos < len ? Character.digit(text.charAt(pos), 16) : -1;
          if (d < 0) {
            throw error("Expected 4 hex digits after '\\u' at position " + (at + 1));
          }
          code = code * 16 + d;
          pos++;
        }
        return (char) code;
      }
      default:
        throw error("Invalid escape '\\" + e + "' at position " + (at + 1)
            + "; allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
    }
  }

  private BigDecimal readNumber() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    requireDigits(start);
    if (pos < len && peek() == '.') {
      pos++;
      requireDigits(start);
    }
    if (pos < len && (peek() == 'e' || peek() == 'E')) {
      pos++;
      if (pos < len && (peek() == '+' || peek() == '-')) {
        pos++;
      }
      requireDigits(start);
    }
    String s = text.substring(start, pos);
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw error("Number '" + s + "' at position " + (start + 1) + " is out of range");
    }
  }

  private void requireDigits(int numberStart) {
    int from = pos;
    while (pos < len && isDigit(peek())) {
      pos++;
    }
    if (pos == from) {
      throw error("Malformed number starting at position " + (numberStart + 1) + ": expected a digit at position "
          + (pos + 1) + " but found " + found());
    }
  }

  // --- scanner helpers ------------------------------------------------------------------------

  private boolean keyword(String word) {
    int save = pos;
    skipWs();
    int end = pos + word.length();
    if (end <= len && text.regionMatches(true, pos, word, 0, word.length())
        && (end == len || isWs(text.charAt(end)) || text.charAt(end) == '(')) {
      pos = end;
      return true;
    }
    pos = save;
    return false;
  }

  private boolean startsWord(String word) {
    int end = pos + word.length();
    return end <= len && text.regionMatches(true, pos, word, 0, word.length())
        && (end == len || !isPathChar(text.charAt(end)));
  }

  private void close(char c) {
    skipWs();
    if (pos == len || peek() != c) {
      throw expected(c == ')' ? "')', 'and' or 'or'" : "']', 'and' or 'or'");
    }
    pos++;
  }

  private void enter(int depth) {
    if (depth > limits.maxDepth()) {
      throw error("The " + subject + " nests more than " + limits.maxDepth()
          + " levels (maxDepth) of parentheses, 'not (' and value paths at position " + (pos + 1));
    }
  }

  private boolean atDelimiter() {
    if (pos == len) {
      return true;
    }
    char c = peek();
    return isWs(c) || c == ')' || c == ']';
  }

  private void skipWs() {
    pos = skipWsFrom(pos);
  }

  private int skipWsFrom(int i) {
    while (i < len && isWs(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private char peek() {
    return text.charAt(pos);
  }

  private ScimError expected(String what) {
    return error("Expected " + what + " at position " + (pos + 1) + " but found " + found());
  }

  private ScimError error(String detail) {
    return new ScimError(400, errorType, detail + " in " + subject + " '" + abbreviated(text) + "'");
  }

  /** The token at {@code pos}, quoted, for error messages. */
  private String found() {
    if (pos >= len) {
      return "the end of the " + subject;
    }
    int end = pos;
    if (peek() == '"') {
      end = text.indexOf('"', pos + 1);
      end = end < 0 ? len : end + 1;
    } else {
      while (end < len && !isWs(text.charAt(end)) && "()[]\"".indexOf(text.charAt(end)) < 0) {
        end++;
      }
      end = Math.max(end, pos + 1);
    }
    return "'" + abbreviated(text.substring(pos, end)) + "'";
  }

  private static String abbreviated(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static boolean isWs(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isPathChar(char c) {
    return isLetter(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '$';
  }
}
