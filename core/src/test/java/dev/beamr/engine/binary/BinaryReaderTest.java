package dev.beamr.engine.binary;

import dev.beamr.MalformedModuleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinaryReaderTest {

    private static BinaryReader reader(String hex) {
        return new BinaryReader(HexFormat.of().parseHex(hex));
    }

    /** Reads one integer with {@code read} and checks that it used all the bytes. */
    private static long readAll(String hex, ToLongFunction<BinaryReader> read) {
        BinaryReader reader = reader(hex);
        long value = read.applyAsLong(reader);
        assertTrue(reader.atEnd(), "bytes left after reading " + hex);
        return value;
    }

    private static String failure(String hex, ToLongFunction<BinaryReader> read) {
        return assertThrows(MalformedModuleException.class, () -> read.applyAsLong(reader(hex))).getMessage();
    }

    @ParameterizedTest
    @CsvSource({
            "00, 0", "7f, 127", "8001, 128", "e58e26, 624485", "8000, 0",
            "ffffffff0f, 4294967295", "8080808000, 0", "ffffffff07, 2147483647"})
    void u32Values(String hex, long expected) {
        assertEquals(expected, readAll(hex, BinaryReader::readU32));
    }

    @ParameterizedTest
    @CsvSource({"ffffffff1f", "ffffffff4f", "8080808010", "8080808070"})
    void u32UnusedBitsMustBeZero(String hex) {
        assertTrue(failure(hex, BinaryReader::readU32).startsWith("integer too large"));
    }

    @ParameterizedTest
    @CsvSource({"808080808000", "ffffffff8f00"})
    void u32LongerThanFiveBytesIsRejected(String hex) {
        assertTrue(failure(hex, BinaryReader::readU32).startsWith("integer representation too long"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "ffff", ""})
    void truncatedLebIsUnexpectedEnd(String hex) {
        assertTrue(failure(hex, BinaryReader::readU32).startsWith("unexpected end"));
    }

    @ParameterizedTest
    @CsvSource({
            "00, 0", "7f, -1", "3f, 63", "40, -64", "8001, 128", "ff7e, -129",
            "ffffffff07, 2147483647", "8080808078, -2147483648", "ffffffff7f, -1", "8080808000, 0"})
    void s32Values(String hex, int expected) {
        assertEquals(expected, readAll(hex, r -> r.readS32()));
    }

    @ParameterizedTest
    @CsvSource({"ffffffff0f", "8080808070", "ffffffff4f", "8080808008", "ffffffff77"})
    void s32LastByteMustSignExtend(String hex) {
        assertTrue(failure(hex, r -> r.readS32()).startsWith("integer too large"));
    }

    @ParameterizedTest
    @CsvSource({"40, -64", "7f, -1", "ffffffff0f, 4294967295", "8080808070, -4294967296", "00, 0"})
    void s33Values(String hex, long expected) {
        assertEquals(expected, readAll(hex, BinaryReader::readS33));
    }

    @ParameterizedTest
    @CsvSource({"ffffffff1f", "8080808060", "ffffffff4f"})
    void s33LastByteMustSignExtend(String hex) {
        assertTrue(failure(hex, BinaryReader::readS33).startsWith("integer too large"));
    }

    @ParameterizedTest
    @CsvSource({
            "00, 0", "7f, -1", "ffffffffffffffffff00, 9223372036854775807",
            "8080808080808080807f, -9223372036854775808", "ffffffffffffffffff7f, -1"})
    void s64Values(String hex, long expected) {
        assertEquals(expected, readAll(hex, BinaryReader::readS64));
    }

    @ParameterizedTest
    @CsvSource({"ffffffffffffffffff01", "80808080808080808041", "ffffffffffffffffff7e"})
    void s64LastByteMustSignExtend(String hex) {
        assertTrue(failure(hex, BinaryReader::readS64).startsWith("integer too large"));
    }

    @Test
    void s64LongerThanTenBytesIsRejected() {
        assertTrue(failure("ffffffffffffffffffff7f", BinaryReader::readS64).startsWith("integer representation too long"));
    }

    @ParameterizedTest
    @CsvSource({"ffffffffffffffffff01, -1", "80808080808080808001, -9223372036854775808", "7f, 127"})
    void u64Values(String hex, long expectedBits) {
        assertEquals(expectedBits, readAll(hex, BinaryReader::readU64));
    }

    @ParameterizedTest
    @CsvSource({"ffffffffffffffffff02", "ffffffffffffffffff7f"})
    void u64UnusedBitsMustBeZero(String hex) {
        assertTrue(failure(hex, BinaryReader::readU64).startsWith("integer too large"));
    }

    @Test
    void indicesBeyondAnyIndexSpaceSaturate() {
        assertEquals(Integer.MAX_VALUE, readAll("ffffffff0f", r -> r.readIndex()));
        assertEquals(Integer.MAX_VALUE, readAll("ffffffff07", r -> r.readIndex()));
    }

    @Test
    void vectorCountMustFitInTheRemainingBytes() {
        assertTrue(failure("ffffffff0f00", r -> r.readVectorCount(1, "things")).startsWith("length out of bounds"));
        assertEquals(2, reader("020000").readVectorCount(1, "things"));
        assertTrue(failure("020000", r -> r.readVectorCount(2, "pairs")).startsWith("length out of bounds"));
    }

    @Test
    void namesMustBeValidUtf8() {
        assertEquals("héllo", reader("0668c3a96c6c6f").readName());
        for (String invalid : new String[]{"01ff", "02c0af", "03eda080", "04f4908080", "01c3"}) {
            MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> reader(invalid).readName());
            assertTrue(e.getMessage().startsWith("malformed UTF-8 encoding"), invalid);
            assertEquals(1, e.offset());
        }
    }

    @Test
    void readsStayInsideTheirWindow() {
        BinaryReader reader = new BinaryReader(HexFormat.of().parseHex("00010203"), 1, 3);
        BinaryReader slice = reader.slice(1, "part");
        assertEquals(1, slice.readByte());
        MalformedModuleException e = assertThrows(MalformedModuleException.class, slice::readByte);
        assertEquals(2, e.offset());
        assertEquals(2, reader.readByte());
        assertThrows(MalformedModuleException.class, () -> reader.slice(1, "part"));
    }

    @Test
    void fixedWidthValuesAreLittleEndian() {
        BinaryReader reader = reader("0000803f000000000000f03f");
        assertEquals(Float.floatToRawIntBits(1.0f), reader.readFixed32());
        assertEquals(Double.doubleToRawLongBits(1.0), reader.readFixed64());
        assertThrows(MalformedModuleException.class, () -> reader("000000").readFixed32());
    }
}
