// The store (SQLite by default, PostgreSQL when shared) is built by the access-and-state issue; see DESIGN.md.
import FaultRayCore
