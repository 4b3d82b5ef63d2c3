package dev.latent.neural.autodiff;

import dev.latent.internal.Check;
import dev.latent.neural.tensor.Ops;
import dev.latent.neural.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * One value in a computation, with the nodes it was computed from and the rule that sends its gradient
 * back to them (reverse-mode automatic differentiation over a tape built as the ops run).
 * <p>Gradients are added to, never overwritten: a node used twice receives the sum of both gradients.
 * When a gradient arrives in a broadcast shape (a bias of shape {@code [d]} added to rows of shape
 * {@code [n, d]}), {@link #addGrad} sums it back to the node's own shape, so ops never do.
 * A node needs a gradient when it is a variable or when one of its parents needs one; the others
 * ignore {@link #addGrad} and are skipped by {@link #backward()}.
 * <p>Example of an op (a product):
 * {@snippet :
 * Node out = Node.of(Ops.mul(a.value(), b.value()), a, b);
 * out.onBackward(g -> { a.addGrad(Ops.mul(g, b.value())); b.addGrad(Ops.mul(g, a.value())); });
 * }
 */
public final class Node {
    private static final Node[] NO_PARENTS = new Node[0];

    private final Tensor value;
    private final Node[] parents;
    private final boolean requiresGrad;
    private Consumer<Tensor> rule;
    private Tensor grad;

    private Node(Tensor value, Node[] parents, boolean requiresGrad, Tensor grad) {
        this.value = value;
        this.parents = parents;
        this.requiresGrad = requiresGrad;
        this.grad = grad;
    }

    /** A constant input: it receives no gradient. */
    public static Node input(Tensor value) {
        return new Node(Check.notNull("value", value), NO_PARENTS, false, null);
    }

    /** A variable whose gradient is allocated on first use. */
    public static Node variable(Tensor value) {
        return new Node(Check.notNull("value", value), NO_PARENTS, true, null);
    }

    /**
     * A variable whose gradient is added into {@code gradient} (of the value's shape), as a parameter's
     * node adds into the parameter's gradient.
     */
    public static Node variable(Tensor value, Tensor gradient) {
        Check.notNull("value", value);
        Check.argument(gradient.sameShape(value), "gradient must have the value's shape "
                + Arrays.toString(value.shape()) + ", got " + Arrays.toString(gradient.shape()));
        return new Node(value, NO_PARENTS, true, gradient);
    }

    /** A value computed from {@code parents}; it needs a gradient when any parent does. */
    public static Node of(Tensor value, Node... parents) {
        Check.notNull("value", value);
        boolean needs = false;
        for (Node p : parents) needs |= Check.notNull("parent", p).requiresGrad;
        return new Node(value, parents.clone(), needs, null);
    }

    /** Sets the rule that receives this node's gradient and adds its parents' gradients. */
    public void onBackward(Consumer<Tensor> rule) {
        Check.state(this.rule == null, "the backward rule of a node is set once");
        this.rule = Check.notNull("rule", rule);
    }

    /** Whether gradients flow into this node. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The value. */
    public Tensor value() {
        return value;
    }

    /** The nodes this one was computed from. */
    public List<Node> parents() {
        return List.of(parents);
    }

    /**
     * Adds {@code g} to this node's gradient, first summing it over broadcast axes when its shape is a
     * broadcast of the value's shape. Does nothing when the node needs no gradient.
     * @throws IllegalArgumentException when {@code g}'s shape is not the value's shape or a broadcast of it
     */
    public void addGrad(Tensor g) {
        if (!requiresGrad) return;
        Tensor target = gradBuffer();
        if (g.sameShape(value)) {
            float[] t = target.data(), s = g.data();
            for (int i = 0; i < t.length; i++) t[i] += s[i];
        } else {
            Ops.sumToInto(g, target);
        }
    }

    /**
     * The gradient tensor itself (zeros, allocated on first use), for ops that add into it in place,
     * for example with a matrix product whose {@code beta} is 1. Callers must add, never overwrite.
     */
    public Tensor gradBuffer() {
        if (grad == null) grad = Tensor.zeros(value.shape());
        return grad;
    }

    /** The gradient accumulated so far (zeros when none has arrived). */
    public Tensor grad() {
        return grad != null ? grad : Tensor.zeros(value.shape());
    }

    /**
     * Back-propagates from this scalar node: seeds its gradient with 1 and runs every backward rule in
     * reverse topological order. The order is found with an explicit stack, so deep graphs need no deep
     * call stack.
     * @throws IllegalStateException when the value holds more than one number
     */
    public void backward() {
        Check.state(value.size() == 1, "backward() needs a scalar, got shape " + Arrays.toString(value.shape()));
        backward(Tensor.full(1f, value.shape()));
    }

    /** Back-propagates from this node with the given seed gradient (of the value's shape). */
    public void backward(Tensor seed) {
        Check.argument(seed.sameShape(value), "seed must have shape " + Arrays.toString(value.shape())
                + ", got " + Arrays.toString(seed.shape()));
        if (!requiresGrad) return;
        addGrad(seed);
        List<Node> order = topologicalOrder();
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            if (n.rule != null && n.grad != null) n.rule.accept(n.grad);
        }
    }

    /** Nodes that need gradients, parents before children, ending with this node. */
    private List<Node> topologicalOrder() {
        List<Node> order = new ArrayList<>();
        IdentityHashMap<Node, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Node> nodes = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>(); // index of the next parent to visit
        nodes.push(this);
        next.push(0);
        seen.put(this, Boolean.TRUE);
        while (!nodes.isEmpty()) {
            Node n = nodes.peek();
            int p = next.pop();
            if (p < n.parents.length) {
                next.push(p + 1);
                Node parent = n.parents[p];
                if (parent.requiresGrad && seen.put(parent, Boolean.TRUE) == null) {
                    nodes.push(parent);
                    next.push(0);
                }
            } else {
                nodes.pop();
                order.add(n);
            }
        }
        return order;
    }

    /** {@code this + other}, broadcast ({@link Functions#add}). */
    public Node add(Node other) {
        return Functions.add(this, other);
    }

    /** {@code this - other}, broadcast ({@link Functions#sub}). */
    public Node sub(Node other) {
        return Functions.sub(this, other);
    }

    /** {@code this * other} elementwise, broadcast ({@link Functions#mul}). */
    public Node mul(Node other) {
        return Functions.mul(this, other);
    }

    /** {@code this * this} elementwise ({@link Functions#square}). */
    public Node square() {
        return Functions.square(this);
    }

    /** The sum of all values ({@link Functions#sum(Node)}). */
    public Node sum() {
        return Functions.sum(this);
    }

    /** The mean of all values ({@link Functions#mean(Node)}). */
    public Node mean() {
        return Functions.mean(this);
    }

    @Override
    public String toString() {
        return "Node" + Arrays.toString(value.shape());
    }
}
