extension InfrastructureModel {
    /// The model as a document tree: only values that differ from the defaults are written.
    public var document: ModelValue {
        var top: [(String, ModelValue)] = [("schema_version", .string(Self.schemaVersion))]
        if !name.isEmpty { top.append(("name", .string(name))) }
        if !description.isEmpty { top.append(("description", .string(description))) }
        let componentDefaults = Component(id: "", name: "")
        top.append(("components", .list(components.map {
            Write.section($0, defaults: componentDefaults, schema: Component.schema)
        })))
        let dependencyDefaults = Dependency(source: "", target: "")
        top.append(("dependencies", .list(dependencies.map {
            Write.section($0, defaults: dependencyDefaults, schema: Dependency.schema)
        })))
        if failureDomains != FailureDomainSettings() {
            top.append(("failure_domains", Write.section(failureDomains)))
        }
        return .map(top)
    }

    /// The model as YAML that `ModelLoader` reads back to an equal model.
    public func yaml() -> String { document.yaml() }

    /// The model as JSON that `ModelLoader` reads back to an equal model.
    public func json() -> String { document.json() }
}
