package dev.beamr.ao;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an AO process answered to one message: {@code {"ok": …, "response": {"Output": …,
 * "Error": …, "Messages": […], "Spawns": […], "Assignments": […]}}}, parsed.
 */
public final class AoResult {
    private final String json;
    private final boolean ok;
    private final Map<String, Object> response;
    private final String topLevelError;

    private AoResult(String json, boolean ok, Map<String, Object> response, String topLevelError) {
        this.json = json;
        this.ok = ok;
        this.response = response;
        this.topLevelError = topLevelError;
    }

    /**
     * Parses the JSON a process's {@code handle} returned.
     *
     * @throws AoProtocolException it is not JSON, or not an object with {@code ok} and {@code response}
     */
    static AoResult parse(String json) {
        if (!(Json.parse(json) instanceof Map<?, ?> answer)) {
            throw new AoProtocolException("the process answered with JSON that is not an object: " + excerpt(json));
        }
        if (!(answer.get("ok") instanceof Boolean ok)) {
            throw new AoProtocolException("the process's answer has no boolean \"ok\": " + excerpt(json));
        }
        Object response = answer.get("response");
        if (response != null && !(response instanceof Map)) {
            throw new AoProtocolException("the process's \"response\" is not an object: " + excerpt(json));
        }
        Object error = answer.get("error");
        return new AoResult(json, ok, response == null ? Map.of() : stringKeyed(response),
                error == null ? null : textOf(error));
    }

    /** {@return whether the process handled the message (a Lua error inside a handler still counts as handled)} */
    public boolean ok() {
        return ok;
    }

    /** {@return the output: {@code Output.data} when the output is an object, the output itself when it is text, else ""} */
    public String output() {
        Object output = response.get("Output");
        if (output instanceof Map<?, ?> map) {
            Object data = map.get("data");
            return data == null ? "" : textOf(data);
        }
        return output == null ? "" : textOf(output);
    }

    /** {@return the error output, when the process reported one} */
    public Optional<String> error() {
        Object error = response.get("Error");
        return error != null ? Optional.of(textOf(error)) : Optional.ofNullable(topLevelError);
    }

    /** {@return the messages the process sends, as JSON values} */
    public List<Object> messages() {
        return listAt("Messages");
    }

    /** {@return the processes it spawns, as JSON values} */
    public List<Object> spawns() {
        return listAt("Spawns");
    }

    /** {@return the assignments it makes, as JSON values} */
    public List<Object> assignments() {
        return listAt("Assignments");
    }

    /** {@return the whole {@code response} object} */
    public Map<String, Object> response() {
        return response;
    }

    /** {@return the answer exactly as the process returned it} */
    public String json() {
        return json;
    }

    @Override
    public String toString() {
        return json;
    }

    private List<Object> listAt(String name) {
        Object value = response.get(name);
        // JSON arrays may hold nulls, which List.copyOf refuses.
        if (value instanceof List<?> list) return Collections.unmodifiableList(new ArrayList<Object>(list));
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeyed(Object map) {
        // Json.parse builds objects as Map<String, Object>.
        return (Map<String, Object>) map;
    }

    private static String textOf(Object value) {
        return value instanceof String text ? text : Json.write(value);
    }

    private static String excerpt(String json) {
        return json.length() <= 200 ? json : json.substring(0, 200) + "…";
    }
}
