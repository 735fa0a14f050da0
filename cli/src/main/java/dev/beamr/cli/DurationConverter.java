package dev.beamr.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}) or in ISO-8601 ({@code PT1.5S}). */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT_FORM = Pattern.compile("([0-9]+)(ms|s|m|h)");

    @Override
    public Duration convert(String text) {
        Matcher matcher = SHORT_FORM.matcher(text.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount;
            try {
                amount = Long.parseLong(matcher.group(1));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is too long a duration");
            }
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            Duration duration = Duration.parse(text);
            if (!duration.isNegative()) return duration;
        } catch (DateTimeParseException e) {
            // Neither form: reported below.
        }
        throw new TypeConversionException("'" + text + "' is not a duration such as 500ms, 10s, 2m or PT1.5S");
    }
}
