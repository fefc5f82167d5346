import Foundation
import Testing
@testable import FaultRayCore

@Suite struct IncidentCatalogTests {
    let catalog: IncidentCatalog

    init() throws { catalog = try IncidentCatalog.bundled.get() }

    @Test func holdsTheEighteenIncidentsWithEveryFieldFilled() throws {
        let incidents = catalog.incidents
        #expect(incidents.count >= 18)
        let names = incidents.map(\.id) + incidents.flatMap(\.aliases)
        #expect(Set(names).count == names.count, "ids and aliases are unique")
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.dateFormat = "yyyy-MM-dd"
        for incident in incidents {
            #expect(!incident.name.isEmpty && !incident.provider.isEmpty && !incident.rootCause.isEmpty, "\(incident.id)")
            #expect(incident.provider == incident.provider.lowercased(), "\(incident.id)")
            #expect(day.date(from: incident.date) != nil, "\(incident.id): \(incident.date) is an ISO-8601 date")
            #expect(incident.durationHours > 0, "\(incident.id)")
            #expect(!incident.affectedServices.isEmpty && !incident.affectedRegions.isEmpty, "\(incident.id)")
            #expect(!incident.lessonsLearned.isEmpty && !incident.tags.isEmpty, "\(incident.id)")
            for service in incident.services {
                let known = catalog.services.contains { $0.name == service } || ComponentType(rawValue: service) != nil
                #expect(known, "\(incident.id): unknown service \(service)")
            }
            if let url = incident.postMortemUrl { #expect(url.hasPrefix("https://"), "\(incident.id)") }
        }
        #expect(incidents.map(\.date) == incidents.map(\.date).sorted(by: >), "newest first")
    }

    @Test func theContractExampleIsTheS3OutageOfFebruary2017() throws {
        let s3 = try catalog.incident(id: "aws-us-east-1-2017")
        #expect(s3.date == "2017-02-28")
        #expect(s3.provider == "aws")
        #expect(s3.affectedRegions == ["us-east-1"])
        #expect(s3.affectedServices == ["s3"])
        #expect(s3.postMortemUrl == "https://aws.amazon.com/message/41926/")
        #expect(try catalog.incident(id: "AWS-US-EAST-1-2017") == s3)
        #expect(try catalog.incident(id: "aws-s3-2017-02") == s3, "the original's id still works")
    }

    @Test func filtersByProviderIgnoringCase() {
        let aws = catalog.incidents(provider: "aws")
        #expect(aws.count == 5)
        #expect(aws.allSatisfy { $0.provider == "aws" })
        #expect(catalog.incidents(provider: "AWS") == aws)
        #expect(catalog.incidents(provider: "gcp").count == 2)
        #expect(catalog.incidents(provider: "azure").count == 2)
        #expect(catalog.incidents(provider: "oracle").isEmpty)
        #expect(catalog.incidents().count == catalog.incidents.count)
        #expect(["aws", "gcp", "azure", "cloudflare"].allSatisfy(catalog.providers.contains))
    }

    @Test func anUnknownIdListsTheKnownOnesWithASuggestion() {
        #expect {
            try catalog.incident(id: "aws-us-east-1-2016")
        } throws: { error in
            let error = error as? UnknownNameError
            return error?.known.count == catalog.incidents.count
                && error?.description.contains("did you mean 'aws-us-east-1-2017'") == true
        }
    }

    @Test func aMissingPostMortemIsWrittenAsNull() throws {
        let json = String(decoding: try WireJSON.encode(try catalog.incident(id: "azure-ad-2021-03")), as: UTF8.self)
        #expect(json.contains("\"post_mortem_url\":null"))
        #expect(json.contains("\"duration_hours\":14.4"))
    }
}
