import FaultRayCore
import Foundation

/// Times the importers on generated inputs: a Terraform state of `terraformResources` resources and
/// `kubernetesManifests` Kubernetes documents (in files of 10, read from a scratch folder).
func runImportBenchmark(terraformResources: Int, kubernetesManifests: Int, asJSON: Bool) throws {
    let state = ImportInputs.terraformState(resources: terraformResources)
    var terraform: ImportedModel!
    let terraformSeconds = try seconds { terraform = try TerraformImporter.load(text: state, file: "state.json") }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("faultray-bench-k8s-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, text) in ImportInputs.kubernetesFiles(manifests: kubernetesManifests) {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
    var kubernetes: ImportedModel!
    let kubernetesSeconds = try seconds { kubernetes = try KubernetesImporter.load(paths: [folder.path]) }
    var validated = 0.0
    for imported in [terraform!, kubernetes!] { validated += try seconds { _ = try ModelLoader.load(text: imported.yaml()) } }
    let row: [String: Double] = [
        "terraform_resources": Double(terraformResources), "terraform_state_mb": Double(state.utf8.count) / 1_048_576,
        "terraform_import_s": terraformSeconds, "terraform_components": Double(terraform.model.components.count),
        "terraform_dependencies": Double(terraform.model.dependencies.count),
        "kubernetes_manifests": Double(kubernetesManifests), "kubernetes_import_s": kubernetesSeconds,
        "kubernetes_components": Double(kubernetes.model.components.count), "kubernetes_dependencies": Double(kubernetes.model.dependencies.count),
        "write_and_reload_s": validated, "peak_memory_mb": peakMemoryMB(),
    ]
    if asJSON {
        print(String(decoding: try JSONSerialization.data(withJSONObject: [row], options: [.sortedKeys]), as: UTF8.self))
    } else {
        print(String(format: "terraform state: %ld resources (%.1f MB) -> %ld components, %ld dependencies in %.3f s", terraformResources, row["terraform_state_mb"]!,
                     terraform.model.components.count, terraform.model.dependencies.count, terraformSeconds))
        print(String(format: "kubernetes: %ld manifests -> %ld components, %ld dependencies in %.3f s", kubernetesManifests,
                     kubernetes.model.components.count, kubernetes.model.dependencies.count, kubernetesSeconds))
        print(String(format: "both models written and loaded back in %.3f s; peak memory %.0f MB", validated, row["peak_memory_mb"]!))
    }
}
