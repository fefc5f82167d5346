// The REST server (Hummingbird) is built by the server issue; see DESIGN.md.
import FaultRayCore
