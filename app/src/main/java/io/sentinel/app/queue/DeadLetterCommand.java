package io.sentinel.app.queue;

import io.sentinel.app.Sentinel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sentinel queue dead-letters list|replay}: the ingest entries the worker could not store.
 * Against Redis ({@code --redis-url} or {@code REDIS_URL}: production) or through a controller's
 * API ({@code --controller URL} with an admin token: also reaches the in-process queue of
 * {@code sentinel up}).
 */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = {"List the ingest entries the worker could not store, and replay them after the fix.",
            "Reaches the queue through Redis (--redis-url, or REDIS_URL) or a controller's API (--controller URL",
            "with an admin token from --token-env, default API_AUTH_TOKEN); sentinel up is reached through its API."},
        subcommands = {DeadLetterCommand.ListCommand.class, DeadLetterCommand.ReplayCommand.class,
            CommandLine.HelpCommand.class})
public final class DeadLetterCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Where the dead letters are. */
    static final class Target {
        @Option(names = "--redis-url", paramLabel = "URL", description = "Redis of the production queue (default: REDIS_URL)")
        String redisUrl;

        @Option(names = "--stream", paramLabel = "KEY", defaultValue = "sentinel:ingest", description = "stream key (default ${DEFAULT-VALUE})")
        String stream;

        @Option(names = "--controller", paramLabel = "URL", description = "controller base URL (its API reaches any queue, sentinel up's too)")
        String controller;

        @Option(names = "--token-env", paramLabel = "VAR", defaultValue = "API_AUTH_TOKEN",
                description = "environment variable with an admin API token, for --controller (default ${DEFAULT-VALUE})")
        String tokenEnv;

        @Option(names = "--token-file", paramLabel = "FILE", description = "file whose first line is the admin API token (instead of --token-env)")
        Path tokenFile;

        DeadLetterAccess open() throws java.io.IOException {
            if (controller != null) {
                String token = tokenFile != null ? Files.readAllLines(tokenFile).stream().findFirst().orElse("")
                        : System.getenv(tokenEnv);
                if (token == null || token.isBlank()) {
                    throw new IllegalArgumentException("no admin token: set " + tokenEnv + " or give --token-file");
                }
                return new DeadLetterAccess.Api(java.net.URI.create(controller), token.strip());
            }
            String url = redisUrl != null ? redisUrl : System.getenv("REDIS_URL");
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("give --controller URL or --redis-url (or set REDIS_URL)");
            }
            return DeadLetterAccess.Direct.redis(url, stream);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List dead letters, newest first.")
    static final class ListCommand implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin Target target = new Target();

        @Option(names = "--limit", defaultValue = "100", description = "most to list, 1..1000 (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--json", description = "print the listing as JSON")
        boolean json;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 1000) {
                spec.commandLine().getErr().println("sentinel queue dead-letters list: --limit must be 1..1000");
                return Sentinel.EXIT_CONFIG;
            }
            return run(spec, "list", out -> {
                try (DeadLetterAccess access = target.open()) {
                    DeadLetterAccess.Listing l = access.list(limit);
                    if (json) {
                        out.println(io.sentinel.protocol.wire.Wire.writeString(l.toJson()));
                    } else {
                        DeadLetterText.print(out, l);
                    }
                }
            });
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Put dead letters back on the queue (after the cause was fixed); a full queue stops it.")
    static final class ReplayCommand implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin Target target = new Target();

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        static final class Which {
            @Option(names = "--all", required = true, description = "replay every dead letter held now (oldest first, up to 1000)")
            boolean all;

            @Parameters(paramLabel = "ID", arity = "1..1000", description = "dead-letter ids (from list)")
            List<String> ids;
        }

        @Override
        public Integer call() {
            int[] code = {0};
            int rc = run(spec, "replay", out -> {
                try (DeadLetterAccess access = target.open()) {
                    DeadLetterAccess.Replayed r = access.replay(which.all ? List.of() : which.ids, which.all);
                    out.println("replayed " + r.replayed() + ", not held " + r.missing().size() + ", still dead "
                            + r.remaining() + (r.queueFull() ? "; the queue is full: replay the rest later" : ""));
                    for (String m : r.missing()) {
                        out.println("  not held: " + DeadLetterText.printable(m));
                    }
                    if (r.queueFull()) {
                        code[0] = 75; // EX_TEMPFAIL
                    }
                }
            });
            return rc != 0 ? rc : code[0];
        }
    }

    interface Body {
        void run(PrintWriter out) throws Exception;
    }

    static int run(CommandLine.Model.CommandSpec spec, String name, Body body) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            body.run(out);
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("sentinel queue dead-letters " + name + ": " + DeadLetterText.printable(e.getMessage()));
            return Sentinel.EXIT_CONFIG;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            err.println("sentinel queue dead-letters " + name + ": " + DeadLetterText.printable(e.getMessage()));
            return 1;
        } finally {
            err.flush();
        }
    }
}
