package io.sentinel.app.sensor;

import io.sentinel.app.Sentinel;
import io.sentinel.app.SensorCommand;
import io.sentinel.sensor.state.Enrolment;
import io.sentinel.sensor.state.SensorState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sentinel sensor enroll}: registers this sensor with the controller and stores the key
 * it answers in the state directory (mode 0600). The admin token can come from the command
 * line, an environment variable or stdin; the latter two keep it out of {@code ps}.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Enrol this sensor with a controller and store its key (mode 0600) in the state directory.",
            "The admin token: --token, or the variable named by --token-env (default API_AUTH_TOKEN), or --token-stdin."})
public final class SensorEnrollCommand implements Callable<Integer> {

    @Option(names = "--controller", required = true, paramLabel = "URL", description = "controller base URL, e.g. https://wids.example.org")
    String controller;

    @Option(names = "--sensor-id", required = true, paramLabel = "ID", description = "id for this sensor ([A-Za-z0-9._-]{1,64})")
    String sensorId;

    @Option(names = "--token", paramLabel = "T", description = "admin API token (visible in ps; prefer --token-env or --token-stdin)")
    String token;

    @Option(names = "--token-env", paramLabel = "VAR", defaultValue = "API_AUTH_TOKEN", description = "environment variable holding the admin token (default ${DEFAULT-VALUE})")
    String tokenEnv;

    @Option(names = "--token-stdin", description = "read the admin token from the first line of stdin")
    boolean tokenStdin;

    @Option(names = "--name", description = "display name")
    String name;

    @Option(names = "--location", description = "where the sensor is")
    String location;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "state directory (default $SENTINEL_DATA_DIR/sensor or ./data/sensor)")
    Path stateDir;

    @Override
    public Integer call() {
        String t = token;
        try {
            if (t == null && tokenStdin) {
                t = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            if (t == null) t = System.getenv(tokenEnv);
        } catch (IOException e) {
            System.err.println("sentinel sensor enroll: cannot read the token from stdin: " + e.getMessage());
            return Sentinel.EXIT_CONFIG;
        }
        if (t == null || t.isBlank()) {
            System.err.println("sentinel sensor enroll: no admin token: give --token, set " + tokenEnv + ", or use --token-stdin");
            return Sentinel.EXIT_CONFIG;
        }
        try {
            Path dir = stateDir != null ? stateDir : SensorCommand.defaultStateDir();
            SensorState state = SensorState.open(dir);
            Enrolment.Enrolled e = Enrolment.enroll(URI.create(controller), t.strip(), sensorId, name, location, state);
            System.err.println("sentinel sensor enroll: sensor " + e.sensorId() + " enrolled (key epoch " + e.keyEpoch()
                    + "); key stored in " + dir.resolve("sensor.key") + " (mode 0600)");
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("sentinel sensor enroll: " + e.getMessage());
            return Sentinel.EXIT_CONFIG;
        } catch (IOException e) {
            System.err.println("sentinel sensor enroll: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
