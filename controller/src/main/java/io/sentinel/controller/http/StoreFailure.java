package io.sentinel.controller.http;

import java.sql.SQLException;

/** A database failure raised where a checked exception cannot travel (inside lambdas). */
public final class StoreFailure extends RuntimeException {
    public StoreFailure(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
