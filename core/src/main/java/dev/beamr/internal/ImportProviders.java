package dev.beamr.internal;

import dev.beamr.engine.model.WasmModule;
import dev.beamr.engine.runtime.ImportResolver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets the instance API bind the import providers of the exported packages ({@code dev.beamr.wasi},
 * {@code dev.beamr.emscripten}) to a module without their binding methods, which speak the engine's
 * types, being public API. Each provider class registers its binder when it is initialized, which
 * has happened by the time one of its objects can be passed here.
 */
public final class ImportProviders {
    private static final Map<Class<?>, Binder<?>> BINDERS = new ConcurrentHashMap<>();

    private ImportProviders() {}

    /**
     * Resolves a module's imports from one provider.
     *
     * @param <P> the provider's class
     */
    @FunctionalInterface
    public interface Binder<P> {
        /**
         * {@return a resolver of the imports of {@code module} that {@code provider} covers, null for the others}
         *
         * @param provider the provider's object
         * @param module   the module being instantiated
         */
        ImportResolver resolverFor(P provider, WasmModule module);
    }

    /**
     * Registers how objects of {@code type} bind; the first registration for a class stays.
     *
     * @param type   the provider's class
     * @param binder its binding
     * @param <P>    the provider's class
     */
    public static <P> void register(Class<P> type, Binder<P> binder) {
        BINDERS.putIfAbsent(type, binder);
    }

    /**
     * {@return a resolver of the imports of {@code module} that {@code provider} covers, null for the others}
     *
     * @param provider an object of a registered provider class
     * @param module   the module being instantiated
     * @param <P>      the provider's class
     */
    @SuppressWarnings("unchecked")
    public static <P> ImportResolver resolverFor(P provider, WasmModule module) {
        Binder<P> binder = (Binder<P>) BINDERS.get(provider.getClass());
        if (binder == null) throw new IllegalStateException(provider.getClass().getName() + " registered no import binding");
        return binder.resolverFor(provider, module);
    }
}
