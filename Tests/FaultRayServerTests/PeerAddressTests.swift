@testable import FaultRayServer
import NIOCore
import Testing

@Suite("Peer address: written as NIO writes it")
struct PeerAddressTests {
    @Test func everyIPv4AddressIsWrittenAsByNIO() throws {
        let octets = [0, 1, 9, 10, 99, 100, 109, 199, 200, 255]
        var checked = 0
        for a in octets { for b in octets { for c in octets { for d in octets {
            let address = try SocketAddress(ipAddress: "\(a).\(b).\(c).\(d)", port: 8000 + d)
            #expect(address.ipText == address.ipAddress, "\(a).\(b).\(c).\(d)")
            checked += 1
        } } } }
        #expect(checked == 10_000)
    }

    @Test func anIPv6AddressIsNIOs() throws {
        for text in ["::1", "fe80::1:2", "2001:db8::ff00:42:8329", "::ffff:127.0.0.1"] {
            let address = try SocketAddress(ipAddress: text, port: 443)
            #expect(address.ipText == address.ipAddress && address.ipText != nil)
        }
    }
}
