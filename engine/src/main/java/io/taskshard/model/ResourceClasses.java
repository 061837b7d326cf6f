package io.taskshard.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Named resource presets for submitted jobs ({@code --resource-class regular}): a class name
 * stands for the resources every task of the job needs. Set in the server config
 * ({@code resource-classes:} in server.yaml); the defaults are {@link #DEFAULTS}.
 */
public record ResourceClasses(Map<String, Resources> classes) {
    public static final Resources DEFAULT_BASIC = new Resources(1, 2_048);
    public static final Resources DEFAULT_REGULAR = new Resources(2, 8_192);
    public static final Resources DEFAULT_PREMIUM = new Resources(8, 32_768);
    public static final ResourceClasses DEFAULTS = new ResourceClasses(ordered(
            "basic", DEFAULT_BASIC, "regular", DEFAULT_REGULAR, "premium", DEFAULT_PREMIUM));

    public ResourceClasses {
        Objects.requireNonNull(classes, "classes");
        classes.forEach((name, r) -> {
            if (name == null || name.isBlank() || r == null) {
                throw new IllegalArgumentException("a resource class needs a name and resources");
            }
        });
        classes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    }

    /** @throws IllegalArgumentException naming the known classes */
    public Resources resolve(String name) {
        Resources r = classes.get(name);
        if (r == null) {
            throw new IllegalArgumentException("unknown resource class '" + name + "'; this server knows "
                    + String.join(", ", classes.keySet()));
        }
        return r;
    }

    private static Map<String, Resources> ordered(Object... pairs) {
        Map<String, Resources> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Resources) pairs[i + 1]);
        }
        return m;
    }
}
