package dev.beamr.emscripten;

import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.HostFunction;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * The time functions emscripten's libc leaves to JavaScript, with the local time zone being UTC:
 * the clocks, {@code tzset}, {@code gmtime}/{@code localtime}, {@code mktime}/{@code timegm}
 * and {@code strftime}. A {@code struct tm} starts with nine ints (sec, min, hour, mday, mon,
 * year - 1900, wday, yday, isdst) followed by the C {@code long} tm_gmtoff.
 */
final class TimeFunctions {
    private static final int TM_FIELDS = 9;
    /** Bytes the time-zone names get in {@code _tzset_js}'s buffers, NUL included. */
    private static final int ZONE_NAME_CAPACITY = 17;

    private TimeFunctions() {}

    /** The function {@code name}, or null when it is not one of these. */
    static HostFunction body(String name, FuncType type, Emscripten clock) {
        String qualified = EnvImports.MODULE + "." + name;
        return switch (name) {
            case "emscripten_date_now" -> (caller, args) -> Abi.answer(type, clock.epochMillis());
            case "emscripten_get_now" -> (caller, args) -> Abi.answer(type, clock.monotonicMillis());
            case "_emscripten_get_now_is_monotonic" -> (caller, args) -> Abi.answer(type, 1);
            case "_tzset_js" -> (caller, args) -> {
                CallerMemory memory = CallerMemory.of(caller, qualified);
                memory.writeCLong(Abi.unsigned(type, args, 0), 0);
                memory.writeInt(Abi.unsigned(type, args, 1), 0);
                memory.writeCString(Abi.unsigned(type, args, 2), "UTC", ZONE_NAME_CAPACITY);
                memory.writeCString(Abi.unsigned(type, args, 3), "UTC", ZONE_NAME_CAPACITY);
                return Abi.zeros(type);
            };
            case "_gmtime_js", "_localtime_js" -> (caller, args) -> {
                CallerMemory memory = CallerMemory.of(caller, qualified);
                writeTm(memory, Abi.unsigned(type, args, 1), LocalDateTime.ofEpochSecond(signed(type, args, 0), 0, ZoneOffset.UTC));
                return Abi.zeros(type);
            };
            case "_mktime_js", "_timegm_js" -> (caller, args) -> {
                CallerMemory memory = CallerMemory.of(caller, qualified);
                long tm = Abi.unsigned(type, args, 0);
                LocalDateTime time = readTm(memory, tm);
                writeTm(memory, tm, time);
                return Abi.answer(type, time.toEpochSecond(ZoneOffset.UTC));
            };
            case "strftime" -> (caller, args) -> {
                CallerMemory memory = CallerMemory.of(caller, qualified);
                String format = memory.readCString(Abi.unsigned(type, args, 2));
                String text = Strftime.format(format, readTm(memory, Abi.unsigned(type, args, 3)));
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                long capacity = Abi.unsigned(type, args, 1);
                if (bytes.length + 1L > capacity) return Abi.answer(type, 0);
                memory.writeCString(Abi.unsigned(type, args, 0), text, bytes.length + 1);
                return Abi.answer(type, bytes.length);
            };
            default -> null;
        };
    }

    private static long signed(FuncType type, long[] args, int index) {
        return type.param(index) == ValType.I32 ? (int) args[index] : args[index];
    }

    /** The time a {@code struct tm} describes, its fields normalized as {@code mktime} does (sec 60 becomes the next minute, and so on). */
    private static LocalDateTime readTm(CallerMemory memory, long tm) {
        int seconds = memory.readInt(tm);
        int minutes = memory.readInt(tm + 4);
        int hours = memory.readInt(tm + 8);
        int dayOfMonth = memory.readInt(tm + 12);
        int month = memory.readInt(tm + 16);
        int year = memory.readInt(tm + 20) + 1900;
        return LocalDateTime.of(year, 1, 1, 0, 0).plusMonths(month).plusDays(dayOfMonth - 1L)
                .plusHours(hours).plusMinutes(minutes).plusSeconds(seconds);
    }

    private static void writeTm(CallerMemory memory, long tm, LocalDateTime time) {
        int[] fields = {time.getSecond(), time.getMinute(), time.getHour(), time.getDayOfMonth(),
                time.getMonthValue() - 1, time.getYear() - 1900, time.getDayOfWeek().getValue() % 7,
                time.getDayOfYear() - 1, 0};
        for (int i = 0; i < TM_FIELDS; i++) memory.writeInt(tm + 4L * i, fields[i]);
        // tm_gmtoff follows, aligned for a C long: the offset from UTC, which is zero.
        memory.writeCLong(tm + (memory.is64() ? 40 : 36), 0);
    }

    /** C's {@code strftime} in the "C" locale. */
    static final class Strftime {
        private Strftime() {}

        static String format(String format, LocalDateTime time) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c != '%' || i + 1 == format.length()) {
                    out.append(c);
                    continue;
                }
                char conversion = format.charAt(++i);
                // The E and O modifiers select alternative representations, which the C locale lacks.
                if ((conversion == 'E' || conversion == 'O') && i + 1 < format.length()) conversion = format.charAt(++i);
                String expansion = expand(conversion, time);
                out.append(expansion != null ? expansion : "%" + conversion);
            }
            return out.toString();
        }

        private static String expand(char conversion, LocalDateTime t) {
            int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
            int sundayBased = t.getDayOfWeek().getValue() % 7;
            int yearDay = t.getDayOfYear() - 1;
            return switch (conversion) {
                case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT);
                case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT);
                case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT);
                case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT);
                case 'c' -> format("%a %b %e %H:%M:%S %Y", t);
                case 'C' -> two(Math.floorDiv(t.getYear(), 100));
                case 'd' -> two(t.getDayOfMonth());
                case 'D', 'x' -> format("%m/%d/%y", t);
                case 'e' -> String.format(Locale.ROOT, "%2d", t.getDayOfMonth());
                case 'F' -> format("%Y-%m-%d", t);
                case 'g' -> two(Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100));
                case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
                case 'H' -> two(t.getHour());
                case 'I' -> two(hour12);
                case 'j' -> String.format(Locale.ROOT, "%03d", yearDay + 1);
                case 'm' -> two(t.getMonthValue());
                case 'M' -> two(t.getMinute());
                case 'n' -> "\n";
                case 'p' -> t.getHour() < 12 ? "AM" : "PM";
                case 'r' -> format("%I:%M:%S %p", t);
                case 'R' -> format("%H:%M", t);
                case 's' -> Long.toString(t.toEpochSecond(ZoneOffset.UTC));
                case 'S' -> two(t.getSecond());
                case 't' -> "\t";
                case 'T', 'X' -> format("%H:%M:%S", t);
                case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
                case 'U' -> two((yearDay + 7 - sundayBased) / 7);
                case 'V' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                case 'w' -> Integer.toString(sundayBased);
                case 'W' -> two((yearDay + 7 - (sundayBased + 6) % 7) / 7);
                case 'y' -> two(Math.floorMod(t.getYear(), 100));
                case 'Y' -> Integer.toString(t.getYear());
                case 'z' -> "+0000";
                case 'Z' -> "UTC";
                case '%' -> "%";
                default -> null;
            };
        }

        private static String two(int value) {
            return String.format(Locale.ROOT, "%02d", value);
        }
    }
}
