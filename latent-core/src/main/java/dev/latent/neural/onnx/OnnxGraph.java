package dev.latent.neural.onnx;

import dev.latent.Latent;
import dev.latent.internal.Check;
import dev.latent.io.AtomicWrites;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds an ONNX model (a graph of standard operators over float32 tensors) and writes it as an
 * {@code .onnx} file that ONNX Runtime, PyTorch's and TensorFlow's importers and Netron can read.
 * <p>Values are named: graph inputs, initializers (the learned weights) and node outputs. Each
 * {@link #node} call takes the names of its inputs, checks that they exist, and returns the name of its one
 * output, so a network is exported by threading names through its layers. A dimension given as
 * {@code -1} is the symbolic batch dimension {@code "N"}. The file targets IR version 8 and the default
 * operator set version 17, which ONNX Runtime 1.14 and later run.
 * {@snippet :
 * OnnxGraph g = new OnnxGraph("encoder");
 * g.input("x", -1, 784);
 * String w = g.initializer("w", weights, 784, 32), b = g.initializer("b", bias, 32);
 * String code = g.node("Relu", g.node("Gemm", "x", w, b));
 * g.output(code, -1, 32);
 * g.write(Path.of("encoder.onnx"));
 * }
 * <p>Reference: "Open Neural Network Exchange — Intermediate Representation", onnx/docs/IR.md, and the
 * operator specifications in onnx/docs/Operators.md.
 */
public final class OnnxGraph {
    /** The IR version written. */
    public static final int IR_VERSION = 8;
    /** The version of the default operator set the nodes are written against. */
    public static final int OPSET = 17;

    private static final int TENSOR_FLOAT = 1, TENSOR_INT64 = 7;

    private final String name;
    private final List<Protobuf> nodes = new ArrayList<>();
    private final List<Protobuf> initializers = new ArrayList<>();
    private final List<Protobuf> inputs = new ArrayList<>();
    private final List<Protobuf> outputs = new ArrayList<>();
    private final Set<String> values = new HashSet<>();
    private int counter;

    /** An empty graph with this name. */
    public OnnxGraph(String name) {
        Check.argument(name != null && !name.isEmpty(), "graph name must not be empty");
        this.name = name;
    }

    /** Declares a float32 graph input; a dimension of -1 is the batch dimension. */
    public OnnxGraph input(String name, long... dims) {
        define(name);
        inputs.add(valueInfo(name, dims));
        return this;
    }

    /**
     * Declares the existing value {@code name} as a float32 graph output.
     * @throws IllegalArgumentException if no input, initializer or node defines {@code name}
     */
    public OnnxGraph output(String name, long... dims) {
        requireDefined(name);
        outputs.add(valueInfo(name, dims));
        return this;
    }

    /**
     * Adds a float32 constant (a weight) and returns its name.
     * @throws IllegalArgumentException if the name is taken or the values do not fill {@code dims}
     */
    public String initializer(String name, float[] values, long... dims) {
        checkSize(name, values.length, dims);
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return addInitializer(name, TENSOR_FLOAT, raw.array(), dims);
    }

    /**
     * Adds an int64 constant (a shape, an axis list) and returns its name.
     * @throws IllegalArgumentException if the name is taken or the values do not fill {@code dims}
     */
    public String initializer(String name, long[] values, long... dims) {
        checkSize(name, values.length, dims);
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return addInitializer(name, TENSOR_INT64, raw.array(), dims);
    }

    /**
     * Adds a node of the standard operator {@code opType} with these inputs (an empty string skips an
     * optional input) and returns the name of its output.
     * @throws IllegalArgumentException if an input name is not defined yet
     */
    public String node(String opType, String... inputNames) {
        return node(opType, List.of(inputNames), List.of());
    }

    /**
     * Adds a node with attributes and returns the name of its output.
     * @throws IllegalArgumentException if an input name is not defined yet
     */
    public String node(String opType, List<String> inputNames, List<OnnxAttribute> attributes) {
        Check.argument(opType != null && !opType.isEmpty(), "opType must not be empty");
        for (String in : inputNames) if (!in.isEmpty()) requireDefined(in);
        String out = opType.toLowerCase() + "_" + (++counter);
        define(out);
        Protobuf node = new Protobuf();                    // NodeProto: input = 1, output = 2, name = 3, op_type = 4
        for (String in : inputNames) node.string(1, in);
        node.string(2, out).string(3, out).string(4, opType);
        for (OnnxAttribute a : attributes) node.message(5, a.toProto());
        nodes.add(node);
        return out;
    }

    /** The serialized ModelProto. */
    public byte[] toBytes() {
        Protobuf graph = new Protobuf();                   // GraphProto
        for (Protobuf n : nodes) graph.message(1, n);
        graph.string(2, name);
        for (Protobuf t : initializers) graph.message(5, t);
        for (Protobuf i : inputs) graph.message(11, i);
        for (Protobuf o : outputs) graph.message(12, o);
        Protobuf opset = new Protobuf().string(1, "").int64(2, OPSET);
        return new Protobuf()                              // ModelProto
                .int64(1, IR_VERSION)
                .string(2, "latent")
                .string(3, Latent.version())
                .message(7, graph)
                .message(8, opset)
                .toByteArray();
    }

    /**
     * Writes the model to {@code file} atomically.
     * @throws IllegalStateException if the graph has no output
     * @throws IOException           when the file cannot be written; the message names it
     */
    public void write(Path file) throws IOException {
        Check.state(!outputs.isEmpty(), "graph " + name + " has no output");
        byte[] bytes = toBytes();
        AtomicWrites.write(file, out -> out.write(bytes));
    }

    private String addInitializer(String name, int type, byte[] raw, long[] dims) {
        define(name);
        Protobuf tensor = new Protobuf()                   // TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9
                .int64s(1, dims)
                .int64(2, type)
                .string(8, name)
                .bytes(9, raw);
        initializers.add(tensor);
        return name;
    }

    private static Protobuf valueInfo(String name, long[] dims) {
        Protobuf shape = new Protobuf();                   // TensorShapeProto: dim = 1
        for (long d : dims) {
            Protobuf dim = d < 0 ? new Protobuf().string(2, "N") : new Protobuf().int64(1, d);
            shape.message(1, dim);
        }
        Protobuf tensorType = new Protobuf().int64(1, TENSOR_FLOAT).message(2, shape);
        Protobuf type = new Protobuf().message(1, tensorType);
        return new Protobuf().string(1, name).message(2, type);
    }

    private static void checkSize(String name, int length, long[] dims) {
        long size = 1;
        for (long d : dims) {
            Check.argument(d >= 0, "initializer " + name + " must have non-negative dimensions, got " + d);
            size *= d;
        }
        Check.argument(size == length, "initializer " + name + " has " + length + " values but its shape holds "
                + size);
    }

    private void define(String value) {
        Check.argument(value != null && !value.isEmpty(), "value name must not be empty");
        Check.argument(values.add(value), "value name " + value + " is already defined in graph " + name);
    }

    private void requireDefined(String value) {
        Check.argument(values.contains(value), "value " + value + " is not defined in graph " + name);
    }
}
