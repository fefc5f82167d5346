import ArgumentParser
import FaultRayCore
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write a model from Terraform, Kubernetes manifests or a Compose file, with a report of what was mapped, assumed and skipped.",
        discussion: """
        The model (YAML, commented where something was assumed) goes to standard output or --output; the report \
        to standard error (or as JSON with --report). A file that cannot be read as its kind stops the import with \
        its position and exit code 2.
        """,
        subcommands: [Terraform.self, Kubernetes.self, Compose.self])

    /// Options every importer takes.
    struct Output: ParsableArguments {
        @Option(name: .shortAndLong, help: "Write the model to this file instead of standard output.")
        var output: String?

        @Option(help: "Write the report as JSON to this file (- for standard output, after the model).")
        var report: String?

        /// Writes the model and the report; the model is read back first, so what is written always loads.
        func write(_ imported: ImportedModel) throws {
            let yaml = imported.yaml()
            do {
                _ = try ModelLoader.load(text: yaml, file: output ?? "<imported>")
            } catch let error as ModelError {
                throw failure("the imported model does not load (a bug in the importer):\n\(error)")
            }
            if let output {
                do { try Data(yaml.utf8).write(to: URL(fileURLWithPath: output)) } catch { throw failure("cannot write \(output): \(error.localizedDescription)") }
            } else {
                print(yaml, terminator: "")
            }
            let summary = "imported \(imported.model.components.count) components and \(imported.model.dependencies.count) dependencies: "
                + "\(imported.report.mapped.count) mapped, \(imported.report.assumed.count) assumed, \(imported.report.skipped.count) skipped"
            if let report {
                let json = String(decoding: try WireJSON.encode(imported.report), as: UTF8.self)
                if report == "-" { print(json) } else {
                    do { try Data((json + "\n").utf8).write(to: URL(fileURLWithPath: report)) } catch { throw failure("cannot write \(report): \(error.localizedDescription)") }
                }
                FileHandle.standardError.write(Data((summary + "\n").utf8))
            } else {
                FileHandle.standardError.write(Data((imported.report.text + "\n" + summary + "\n").utf8))
            }
        }
    }

    /// Runs an importer, turning its problems into exit code 2 with every message.
    static func run(_ work: () throws -> ImportedModel, output: Output) throws {
        let imported: ImportedModel
        do {
            imported = try work()
        } catch let error as ModelError {
            throw failure(error.description)
        }
        try output.write(imported)
    }

    struct Terraform: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the JSON of `terraform show -json` (a state or a plan): AWS load balancers, autoscaling groups, instances, ECS and EKS, RDS and Aurora, ElastiCache, SQS, SNS, Kinesis, S3, Route 53, API Gateway, Lambda.")

        @Argument(help: "The JSON file (`terraform show -json > state.json`, or `terraform show -json plan.out > plan.json`).")
        var file: String

        @OptionGroup var options: Output

        func run() throws { try ImportCommand.run({ try TerraformImporter.load(contentsOf: URL(fileURLWithPath: file)) }, output: options) }
    }

    struct Kubernetes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import Kubernetes manifests: workloads, HPAs, disruption budgets, Services, Ingresses and the ConfigMaps they read.")

        @Argument(help: "Manifest files or folders (read recursively for .yaml, .yml and .json).")
        var paths: [String]

        @OptionGroup var options: Output

        func validate() throws {
            if paths.isEmpty { throw ValidationError("give at least one manifest file or folder") }
        }

        func run() throws { try ImportCommand.run({ try KubernetesImporter.load(paths: paths) }, output: options) }
    }

    struct Compose: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a Compose file: services, depends_on with its conditions, deploy.replicas, health checks.")

        @Argument(help: "The Compose file (compose.yaml, docker-compose.yml).")
        var file: String

        @OptionGroup var options: Output

        func run() throws { try ImportCommand.run({ try ComposeImporter.load(contentsOf: URL(fileURLWithPath: file)) }, output: options) }
    }
}
