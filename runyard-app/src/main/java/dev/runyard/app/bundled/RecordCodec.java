package dev.runyard.app.bundled;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compact binary form of a graph of records (with strings, boxed primitives, enums, lists, sets and maps), read
 * back through each record's canonical constructor, so its validation runs as it did when the graph was built.
 *
 * <p>Why not Java serialization: it needs {@code Serializable} on every core record and reads them slowly on a cold
 * JVM. Why not JSON: typing JSON is exactly the cost a snapshot is there to skip.
 *
 * <p>Each record class is written once with its components' names and types; reading checks them against the class
 * at hand and fails with {@link Mismatch} when a record changed since the bytes were written, so a stale snapshot is
 * never read into the wrong fields. Strings are written once; records equal to one already written are written as a
 * reference (records are values), except the classes named {@code distinct}, whose instances keep their own identity.
 */
public final class RecordCodec {
    /** The bytes do not match the classes of this build (or are not a snapshot at all). */
    public static final class Mismatch extends Exception {
        Mismatch(String message) {
            super(message);
        }
    }

    private static final int NULL = 0, TRUE = 1, FALSE = 2, INT = 3, LONG = 4, DOUBLE = 5, STRING = 6, STRING_REF = 7,
            LIST = 8, MAP = 9, RECORD = 10, RECORD_REF = 11, ENUM = 12, SET = 13, FLOAT = 14;

    private RecordCodec() {
    }

    /** Writes {@code value}; records of the {@code distinct} classes are never merged with equal ones. */
    public static byte[] write(Object value, Set<Class<?>> distinct) {
        Writer w = new Writer(distinct);
        w.value(value);
        return w.out.toByteArray();
    }

    public static Object read(byte[] bytes) throws Mismatch {
        Reader r = new Reader(bytes);
        Object v = r.value();
        if (r.pos != bytes.length) {
            throw new Mismatch("trailing bytes after the value");
        }
        return v;
    }

    /** How a component's type is written in the class table: its erased name. */
    private static String typeName(RecordComponent c) {
        return c.getType().getName();
    }

    private static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        final Map<String, Integer> strings = new HashMap<>();
        final Map<Class<?>, Integer> classes = new HashMap<>();
        final Map<Object, Integer> records = new HashMap<>();
        final Map<Object, Integer> distinctRecords = new IdentityHashMap<>();
        final Set<Class<?>> distinct;
        int recordCount;

        Writer(Set<Class<?>> distinct) {
            this.distinct = distinct;
        }

        void value(Object v) {
            if (v == null) {
                out.write(NULL);
            } else if (v instanceof Boolean b) {
                out.write(b ? TRUE : FALSE);
            } else if (v instanceof Integer i) {
                out.write(INT);
                varlong(i);
            } else if (v instanceof Long l) {
                out.write(LONG);
                varlong(l);
            } else if (v instanceof Double d) {
                out.write(DOUBLE);
                fixed64(Double.doubleToRawLongBits(d));
            } else if (v instanceof Float f) {
                out.write(FLOAT);
                varlong(Float.floatToRawIntBits(f));
            } else if (v instanceof String s) {
                string(s);
            } else if (v instanceof Enum<?> e) {
                out.write(ENUM);
                string(e.getDeclaringClass().getName());
                varlong(e.ordinal());
            } else if (v instanceof List<?> list) {
                out.write(LIST);
                varlong(list.size());
                list.forEach(this::value);
            } else if (v instanceof Set<?> set) {
                out.write(SET);
                varlong(set.size());
                set.forEach(this::value);
            } else if (v instanceof Map<?, ?> map) {
                out.write(MAP);
                varlong(map.size());
                map.forEach((k, x) -> {
                    value(k);
                    value(x);
                });
            } else if (v instanceof Record r) {
                record(r);
            } else {
                throw new IllegalArgumentException("a snapshot cannot hold a " + v.getClass().getName());
            }
        }

        void record(Record r) {
            Class<?> type = r.getClass();
            Map<Object, Integer> seen = distinct.contains(type) ? distinctRecords : records;
            Integer ref = seen.get(r);
            if (ref != null) {
                out.write(RECORD_REF);
                varlong(ref);
                return;
            }
            out.write(RECORD);
            RecordComponent[] cs = type.getRecordComponents();
            Integer ci = classes.get(type);
            if (ci == null) {
                varlong(classes.size());
                classes.put(type, classes.size());
                string(type.getName());
                varlong(cs.length);
                for (RecordComponent c : cs) {
                    string(c.getName());
                    string(typeName(c));
                }
            } else {
                varlong(ci);
            }
            for (RecordComponent c : cs) {
                try {
                    value(c.getAccessor().invoke(r));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + type.getName() + "." + c.getName(), e);
                }
            }
            // Numbered after its components, in the order the reader finishes constructing records.
            seen.put(r, recordCount++);
        }

        void string(String s) {
            Integer i = strings.get(s);
            if (i != null) {
                out.write(STRING_REF);
                varlong(i);
                return;
            }
            strings.put(s, strings.size());
            out.write(STRING);
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varlong(b.length);
            out.write(b, 0, b.length);
        }

        void varlong(long v) {
            long z = (v << 1) ^ (v >> 63);
            while ((z & ~0x7FL) != 0) {
                out.write((int) ((z & 0x7F) | 0x80));
                z >>>= 7;
            }
            out.write((int) z);
        }

        void fixed64(long v) {
            for (int i = 0; i < 8; i++) {
                out.write((int) (v >>> (8 * i)));
            }
        }
    }

    /** One record class as read: its canonical constructor. */
    private record ClassEntry(Class<?> type, Constructor<?> constructor, int arity) {
    }

    private static final class Reader {
        final byte[] in;
        int pos;
        final List<String> strings = new ArrayList<>();
        final List<ClassEntry> classes = new ArrayList<>();
        final List<Object> records = new ArrayList<>();

        Reader(byte[] in) {
            this.in = in;
        }

        Object value() throws Mismatch {
            int tag = next();
            switch (tag) {
                case NULL:
                    return null;
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case INT:
                    return (int) varlong();
                case LONG:
                    return varlong();
                case DOUBLE:
                    return Double.longBitsToDouble(fixed64());
                case FLOAT:
                    return Float.intBitsToFloat((int) varlong());
                case STRING:
                case STRING_REF:
                    return stringAfter(tag);
                case ENUM:
                    return enumValue();
                case LIST:
                    return list();
                case SET: {
                    int n = count();
                    Set<Object> s = new LinkedHashSet<>();
                    for (int i = 0; i < n; i++) {
                        s.add(value());
                    }
                    return Collections.unmodifiableSet(s);
                }
                case MAP: {
                    int n = count();
                    Map<Object, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        m.put(value(), value());
                    }
                    return Collections.unmodifiableMap(m);
                }
                case RECORD:
                    return record();
                case RECORD_REF: {
                    int i = count();
                    if (i >= records.size()) {
                        throw new Mismatch("a reference to a record not read yet");
                    }
                    return records.get(i);
                }
                default:
                    throw new Mismatch("unknown tag " + tag + " at byte " + (pos - 1));
            }
        }

        List<Object> list() throws Mismatch {
            int n = count();
            Object[] a = new Object[n];
            boolean nulls = false;
            for (int i = 0; i < n; i++) {
                a[i] = value();
                nulls |= a[i] == null;
            }
            // List.of where it can: a record's List.copyOf then keeps the same list instead of copying it.
            return nulls ? Collections.unmodifiableList(Arrays.asList(a)) : List.of(a);
        }

        Object enumValue() throws Mismatch {
            String name = string();
            int ordinal = count();
            Class<?> type = load(name);
            Object[] constants = type.getEnumConstants();
            if (constants == null || ordinal >= constants.length) {
                throw new Mismatch(name + " has no constant " + ordinal);
            }
            return constants[ordinal];
        }

        Object record() throws Mismatch {
            int ci = count();
            ClassEntry c;
            if (ci == classes.size()) {
                c = classEntry();
                classes.add(c);
            } else if (ci < classes.size()) {
                c = classes.get(ci);
            } else {
                throw new Mismatch("a reference to a class not read yet");
            }
            Object[] args = new Object[c.arity()];
            for (int i = 0; i < args.length; i++) {
                args[i] = value();
            }
            Object r;
            try {
                r = c.constructor().newInstance(args);
            } catch (InstantiationException | IllegalAccessException | IllegalArgumentException
                     | InvocationTargetException e) {
                Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
                throw new Mismatch(c.type().getName() + " rejects its snapshot values: " + cause);
            }
            records.add(r);
            return r;
        }

        ClassEntry classEntry() throws Mismatch {
            String name = string();
            Class<?> type = load(name);
            RecordComponent[] cs = type.getRecordComponents();
            int n = count();
            if (cs == null || cs.length != n) {
                throw new Mismatch(name + " is not the record it was when the snapshot was written");
            }
            Class<?>[] params = new Class<?>[n];
            for (int i = 0; i < n; i++) {
                String component = string();
                String typeName = string();
                if (!cs[i].getName().equals(component) || !typeName(cs[i]).equals(typeName)) {
                    throw new Mismatch(name + "." + component + " changed since the snapshot was written");
                }
                params[i] = cs[i].getType();
            }
            try {
                Constructor<?> k = type.getDeclaredConstructor(params);
                k.setAccessible(true);
                return new ClassEntry(type, k, n);
            } catch (NoSuchMethodException | RuntimeException e) {
                throw new Mismatch(name + " has no usable canonical constructor: " + e);
            }
        }

        Class<?> load(String name) throws Mismatch {
            try {
                return Class.forName(name, false, RecordCodec.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new Mismatch("class " + name + " is gone");
            }
        }

        String string() throws Mismatch {
            return stringAfter(next());
        }

        String stringAfter(int tag) throws Mismatch {
            if (tag == STRING_REF) {
                int i = count();
                if (i >= strings.size()) {
                    throw new Mismatch("a reference to a string not read yet");
                }
                return strings.get(i);
            }
            if (tag != STRING) {
                throw new Mismatch("expected a string at byte " + (pos - 1));
            }
            int n = count();
            if (n > in.length - pos) {
                throw new Mismatch("a string runs past the end");
            }
            String s = new String(in, pos, n, StandardCharsets.UTF_8);
            pos += n;
            strings.add(s);
            return s;
        }

        int next() throws Mismatch {
            if (pos >= in.length) {
                throw new Mismatch("the snapshot ends early");
            }
            return in[pos++] & 0xFF;
        }

        int count() throws Mismatch {
            long v = varlong();
            if (v < 0 || v > in.length) {
                throw new Mismatch("a count of " + v + " is impossible here");
            }
            return (int) v;
        }

        long varlong() throws Mismatch {
            long z = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = next();
                z |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return (z >>> 1) ^ -(z & 1);
                }
            }
            throw new Mismatch("a number runs past 64 bits");
        }

        long fixed64() throws Mismatch {
            if (in.length - pos < 8) {
                throw new Mismatch("the snapshot ends early");
            }
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) (in[pos++] & 0xFF) << (8 * i);
            }
            return v;
        }
    }
}
