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
    ]
}
