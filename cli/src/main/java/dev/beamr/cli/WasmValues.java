package dev.beamr.cli;

import dev.beamr.ValueType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Converts between command-line text and WebAssembly values held as raw bits (i32/f32 in the low
 * 32 bits), the representation functions are called with.
 */
final class WasmValues {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("[+-]?inf(inity)?", Pattern.CASE_INSENSITIVE);
    private static final BigInteger MIN_I64 = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /** Decimal exponents outside [-6, 21) are printed in scientific notation, as JavaScript does. */
    private static final int MIN_PLAIN_EXPONENT = -6;
    private static final int MAX_PLAIN_EXPONENT = 21;

    private WasmValues() {}

    /**
     * Parses {@code text} as a value of numeric type {@code type}: integers in decimal, signed or
     * unsigned (so {@code -1} and {@code 4294967295} are the same i32), floats in decimal or as
     * {@code nan}/{@code inf} with an optional sign.
     *
     * @throws IllegalArgumentException saying what was expected when the text is not such a value
     */
    static long parse(ValueType type, String text) {
        return switch (type) {
            case I32 -> parseInteger(text, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(0xFFFF_FFFFL), "i32")
                    .intValue();
            case I64 -> parseInteger(text, MIN_I64, MAX_U64, "i64").longValue();
            case F32 -> isNaN(text) ? (negative(text) ? 0xFFC0_0000L : 0x7FC0_0000L)
                    : Integer.toUnsignedLong(Float.floatToRawIntBits((float) parseFloat(text, "f32", true)));
            case F64 -> isNaN(text) ? (negative(text) ? 0xFFF8_0000_0000_0000L : 0x7FF8_0000_0000_0000L)
                    : Double.doubleToRawLongBits(parseFloat(text, "f64", false));
            default -> throw new IllegalArgumentException(type + " values cannot be given on the command line");
        };
    }

    /** The raw bits of {@code text} parsed as {@code type}, as the {@link Number} the public API passes. */
    static Number parseNumber(ValueType type, String text) {
        long bits = parse(type, text);
        return switch (type) {
            case I32 -> (int) bits;
            case F32 -> Float.intBitsToFloat((int) bits);
            case F64 -> Double.longBitsToDouble(bits);
            default -> bits;
        };
    }

    /** {@link #format} for a result the public API returned as a {@link Number} of {@code type}. */
    static String formatNumber(ValueType type, Number value) {
        return format(type, switch (type) {
            case F32 -> Float.floatToRawIntBits(value.floatValue());
            case F64 -> Double.doubleToRawLongBits(value.doubleValue());
            default -> value.longValue();
        });
    }

    private static BigInteger parseInteger(String text, BigInteger min, BigInteger max, String type) {
        if (!INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a decimal " + type);
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("'" + text + "' is out of range for " + type
                    + " (" + min + " to " + max + ")");
        }
        return value;
    }

    private static boolean isNaN(String text) {
        return text.replaceFirst("^[+-]", "").equalsIgnoreCase("nan");
    }

    private static boolean negative(String text) {
        return text.startsWith("-");
    }

    /** A finite or infinite value; NaN, whose sign and payload a double cannot carry reliably, is parsed apart. */
    private static double parseFloat(String text, String type, boolean single) {
        if (INFINITY.matcher(text).matches()) {
            return negative(text) ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a decimal " + type);
        }
        // Parsing a float directly (not via double) rounds once, to the nearest float.
        return single ? Float.parseFloat(text) : Double.parseDouble(text);
    }

    /** Text for a numeric result given as raw bits: integers signed, floats as {@link #formatF64}/{@link #formatF32}. */
    static String format(ValueType type, long bits) {
        return switch (type) {
            case I32 -> Integer.toString((int) bits);
            case I64 -> Long.toString(bits);
            case F32 -> formatF32(Float.intBitsToFloat((int) bits));
            case F64 -> formatF64(Double.longBitsToDouble(bits));
            default -> throw new IllegalArgumentException(type + " is not a numeric type");
        };
    }

    /**
     * The shortest decimal that reads back as {@code value}, without a fraction when integral
     * ({@code 120}, {@code 0.1}, {@code 1e+21}); {@code nan}, {@code inf}, and {@code nan:0x…} for
     * a NaN whose payload is not the canonical one, as the WebAssembly text format writes them.
     */
    static String formatF64(double value) {
        if (Double.isNaN(value)) {
            long bits = Double.doubleToRawLongBits(value);
            return formatNaN(bits < 0, bits & 0x000F_FFFF_FFFF_FFFFL, 1L << 51);
        }
        double magnitude = Math.abs(value);
        return formatFinite(value, Double.toString(magnitude), text -> Double.parseDouble(text) == magnitude);
    }

    /** As {@link #formatF64}, with the shortest digits that read back as this float. */
    static String formatF32(float value) {
        if (Float.isNaN(value)) {
            int bits = Float.floatToRawIntBits(value);
            return formatNaN(bits < 0, bits & 0x007F_FFFFL, 1L << 22);
        }
        float magnitude = Math.abs(value);
        return formatFinite(value, Float.toString(magnitude), text -> Float.parseFloat(text) == magnitude);
    }

    private static String formatNaN(boolean negative, long payload, long canonicalPayload) {
        String sign = negative ? "-" : "";
        return payload == canonicalPayload ? sign + "nan" : sign + "nan:0x" + Long.toHexString(payload);
    }

    /**
     * @param javaText  Java's text of the absolute value: the shortest round trip, except that it
     *                  always has two significant digits, where one may do (4.9E-324 for 5e-324)
     * @param readsBack whether a decimal text parses back to the absolute value
     */
    private static String formatFinite(double value, String javaText, Predicate<String> readsBack) {
        String sign = value < 0 || (value == 0 && 1 / value < 0) ? "-" : "";
        if (Double.isInfinite(value)) return sign + "inf";
        if (value == 0) return sign + "0";
        BigDecimal decimal = new BigDecimal(javaText).stripTrailingZeros();
        if (decimal.precision() == 2) {
            BigDecimal oneDigit = decimal.round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (readsBack.test(oneDigit.toString())) decimal = oneDigit;
        }
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        if (exponent >= MIN_PLAIN_EXPONENT && exponent < MAX_PLAIN_EXPONENT) {
            return sign + decimal.toPlainString();
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent > 0 ? "+" : "") + exponent;
    }
}
