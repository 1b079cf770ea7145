package io.sentinel.controller.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinel.store.Cursor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The shape of every paginated answer: {@code {"items":[...],"next_cursor":...}}. */
public final class Pages {

    private Pages() {}

    public static Map<String, Object> body(List<?> items, Optional<String> nextCursor) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", items);
        m.put("next_cursor", nextCursor.orElse(null));
        return m;
    }

    /** The {@code cursor} parameter, checked to be one this API issued (400 otherwise). */
    public static Optional<String> checkedCursor(QueryParams q) {
        Optional<String> cursor = q.cursor();
        cursor.ifPresent(c -> {
            try {
                Cursor.decode(c);
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("invalid_parameter", "cursor", "cursor is not one this API returned");
            }
        });
        return cursor;
    }

    /** A stored JSON object text as a tree (an empty object when absent or unreadable). */
    public static JsonNode jsonObject(ObjectMapper mapper, String json) {
        if (json == null || json.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            return mapper.createObjectNode();
        }
    }
}
