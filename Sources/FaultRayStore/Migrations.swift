/// The store's schema, as numbered steps. A step, once released, is never edited: changes are new steps.
enum Migrations {
    static let steps: [String] = [
        // 1: models and score history, per project.
        """
        CREATE TABLE models (
            project TEXT PRIMARY KEY,
            document TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE score_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project TEXT NOT NULL,
            created_at TEXT NOT NULL,
            trigger TEXT NOT NULL,
            score REAL NOT NULL,
            grade TEXT NOT NULL,
            components INTEGER NOT NULL,
            dependencies INTEGER NOT NULL,
            spof_count INTEGER NOT NULL,
            scenarios INTEGER,
            critical INTEGER,
            warning INTEGER,
            passed INTEGER
        );
        CREATE INDEX score_history_project ON score_history (project, id);
        """,
        // 2: API keys (hashed) and projects, with the default project.
        """
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            prefix TEXT NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,
            permissions TEXT NOT NULL,
            tier TEXT NOT NULL,
            project TEXT,
            created_at TEXT NOT NULL,
            revoked_at TEXT
        );
        CREATE TABLE projects (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        INSERT INTO projects (id, name, description, created_at)
            VALUES ('default', 'Default project', 'The project used when a call names none.', '1970-01-01T00:00:00+00:00');
        """,
        // 3: per-project JSON records (calendar experiments, blackout windows, installed packages).
        """
        CREATE TABLE records (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            project TEXT NOT NULL,
            id TEXT NOT NULL,
            body TEXT NOT NULL,
            UNIQUE (kind, project, id)
        );
        """,
        // 4: whether a project's badges are served without a key (off unless the project opts in).
        """
        ALTER TABLE projects ADD COLUMN public_badges INTEGER NOT NULL DEFAULT 0;
        """,
        // 5: requests counted per client and minute, for rate limits that hold across the servers sharing a store.
        """
        CREATE TABLE request_counts (
            client TEXT NOT NULL,
            minute INTEGER NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (client, minute)
        );
        CREATE INDEX request_counts_minute ON request_counts (minute);
        """,
        // 6: each project's latest full-run claim, so that servers asked for the same run at once make it once.
        """
        CREATE TABLE full_runs (
            project TEXT PRIMARY KEY,
            claim TEXT NOT NULL,
            input TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            result TEXT
        );
        """,
    ]

    /// The SQL statements of a step, in order.
    static func statements(of step: String) -> [String] {
        step.split(separator: ";").filter { !$0.allSatisfy(\.isWhitespace) }.map(String.init)
    }

    /// A step in PostgreSQL's dialect: the steps are written for SQLite, whose types differ only in
    /// name (an auto-incremented 64-bit key, 64-bit integers, double-precision reals).
    static func postgres(_ step: String) -> String {
        step.replacingOccurrences(of: "INTEGER PRIMARY KEY AUTOINCREMENT", with: "BIGSERIAL PRIMARY KEY")
            .replacingOccurrences(of: "INTEGER", with: "BIGINT")
            .replacingOccurrences(of: " REAL ", with: " DOUBLE PRECISION ")
    }
}
