package dev.scimbus.server.bulk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which the operations of a BulkRequest run: request order, except that an operation
 * referring to {@code bulkId:x} runs after the POST that creates {@code x} (a depth-first
 * topological sort, so forward references work). Operations that refer to each other in a cycle
 * cannot be ordered; they are listed in {@link #circular()} with the cycle they belong to.
 *
 * @param order operation indexes in execution order (every operation exactly once)
 * @param circular for each operation in a cycle, a description such as {@code a → b → a}
 */
record ExecutionPlan(List<Integer> order, Map<Integer, String> circular) {

  static ExecutionPlan of(BulkRequest request) {
    return new Planner(request).plan();
  }

  private static final class Planner {
    private final List<BulkOperation> ops;
    private final Map<String, Integer> creators;
    private final int[] state;
    private final Deque<Integer> stack = new ArrayDeque<>();
    private final List<Integer> order = new ArrayList<>();
    private final Map<Integer, String> circular = new java.util.TreeMap<>();

    Planner(BulkRequest request) {
      this.ops = request.operations();
      this.creators = request.creators();
      this.state = new int[ops.size()];
    }

    ExecutionPlan plan() {
      for (int i = 0; i < ops.size(); i++) {
        visit(i);
      }
      return new ExecutionPlan(List.copyOf(order), Map.copyOf(circular));
    }

    private static final int NEW = 0;
    private static final int VISITING = 1;
    private static final int DONE = 2;

    private void visit(int i) {
      if (state[i] == DONE) {
        return;
      }
      if (state[i] == VISITING) {
        markCycle(i);
        return;
      }
      state[i] = VISITING;
      stack.push(i);
      Set<Integer> seen = new HashSet<>();
      for (String ref : ops.get(i).references()) {
        Integer creator = creators.get(ref);
        if (creator != null && seen.add(creator)) {
          visit(creator);
        }
      }
      stack.pop();
      state[i] = DONE;
      order.add(i);
    }

    /** Every operation on the stack from the top down to {@code start} is in one cycle. */
    private void markCycle(int start) {
      List<Integer> cycle = new ArrayList<>();
      for (int op : stack) {
        cycle.add(0, op);
        if (op == start) {
          break;
        }
      }
      StringBuilder path = new StringBuilder();
      for (int op : cycle) {
        path.append(ops.get(op).bulkId()).append(" → ");
      }
      path.append(ops.get(start).bulkId());
      cycle.forEach(op -> circular.putIfAbsent(op, path.toString()));
    }
  }
}
