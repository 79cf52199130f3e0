import Testing
import SigScope

/// The ENI a request would create: addresses, zone, quota; deterministic and reusable.
@Suite("Planner")
struct PlannerTests {
    @Test("Tencent: given addresses first, then the lowest free ones, skipping reserved, used and given addresses")
    func tencentAddresses() throws {
        let state = try ContextRulesTests.tencent([("limits.json", Fixture.tcVpcLimits([("vpc-max-enis", 50)]))])
        let request = Fixture.tencentRequest(["PrivateIpAddresses": .array([.object(["PrivateIpAddress": .string("172.16.64.4"), "Primary": .bool(true)])]),
                                              "SecondaryPrivateIpAddressCount": .number("3"), "Tags": .array([.object(["Key": .string("city"), "Value": .string("shanghai")])])])
        let planned = Planner.plan(request, context: state)
        #expect(planned.report.valid)
        let plan = try #require(planned.plan)
        // .0 network, .1 gateway reserved; .2 .3 used by eni-ndaunxuo; .4 given.
        #expect(plan.privateIpAddresses.map(\.address) == ["172.16.64.4", "172.16.64.5", "172.16.64.6", "172.16.64.7"])
        #expect(plan.privateIpAddresses.map(\.source) == [.given, .free, .free, .free])
        #expect(plan.privateIpAddresses.map(\.primary) == [true, false, false, false])
        #expect(plan.zone == "ap-guangzhou-3")
        #expect(plan.vpcId == "vpc-0akbol5v")
        #expect(plan.tags == [ContextTag(key: "city", value: "shanghai")])
        #expect(plan.quota == ENIPlan.Quota(used: 2, limit: 50, name: "vpc-max-enis"))
        // The same input plans the same addresses.
        #expect(Planner.plan(request, context: state) == planned)
    }

    @Test("Alibaba: without PrimaryIpAddress the primary is the lowest free address, listed first")
    func aliyunPrimary() throws {
        let state = try ContextRulesTests.aliyun([("attrs.json", Fixture.aliAccountAttributesJSON(maxENIs: 100))])
        let plan = try #require(Planner.eniPlan(Fixture.aliyunRequest(["PrivateIpAddress": .array([.string("172.16.0.9")]), "SecondaryPrivateIpAddressCount": .null]), context: state))
        #expect(plan.privateIpAddresses == [
            .init(address: "172.16.0.4", primary: true, source: .free),
            .init(address: "172.16.0.9", primary: false, source: .given),
        ])
        #expect(plan.vpcId == "vpc-bp1opxu1zkhn00gzv2xx")
        #expect(plan.quota?.used == 1)
        #expect(plan.quota?.limit == 100)
        #expect(plan.quota?.remainingAfter == 98)
    }

    @Test("a planned ENI added to the state takes its addresses: the next plan skips them")
    func addPlanned() throws {
        var state = try ContextRulesTests.aliyun()
        let request = Fixture.aliyunRequest(["SecondaryPrivateIpAddressCount": .number("1")])
        let first = try #require(Planner.eniPlan(request, context: state))
        #expect(first.privateIpAddresses.map(\.address) == ["172.16.0.4", "172.16.0.5"])
        try state.add(first.networkInterface(id: "eni-bp1new0000000000xx", evidence: "serve"))
        #expect(state.networkInterfaces.last?.id == "eni-bp1new0000000000xx")
        let second = try #require(Planner.eniPlan(request, context: state))
        #expect(second.privateIpAddresses.map(\.address) == ["172.16.0.6", "172.16.0.7"])
        #expect(second.quota?.used == 2)
    }

    @Test("addresses that cannot be planned are counted, not invented")
    func unplanned() throws {
        let state = try Fixture.state([("sg.json", Fixture.tcSecurityGroups(["sg-05bb4upy"]))])
        let plan = try #require(Planner.eniPlan(Fixture.tencentRequest(["SecondaryPrivateIpAddressCount": .number("2")]), context: state))
        #expect(plan.privateIpAddresses.isEmpty)
        #expect(plan.unplannedAddresses == 3)
        #expect(plan.quota == nil)
    }

    @Test("a huge SecondaryPrivateIpAddressCount over a huge block neither overflows nor scans the block", arguments: ["9223372036854775807", "100000"])
    func hugeCount(_ count: String) throws {
        let state = try Fixture.state([("s.json", Fixture.tcSubnets([Fixture.tcSubnet("subnet-76r802pg", cidr: "0.0.0.0/0")]))])
        let planned = Planner.plan(Fixture.tencentRequest(["SecondaryPrivateIpAddressCount": .number(count)]), context: state)
        let plan = try #require(planned.plan)
        #expect(plan.privateIpAddresses.isEmpty)
        #expect(plan.unplannedAddresses == 65_537)
    }

    @Test("the plan JSON has the contract's keys")
    func json() throws {
        let planned = Planner.plan(Fixture.aliyunRequest([:]), context: try ContextRulesTests.aliyun())
        let text = JSONWriter.compact.string(planned.json())
        for key in [#""valid":true"#, #""provider":"aliyun""#, #""action":"CreateNetworkInterface""#, #""violations":[]"#, #""warnings":[]"#,
                    #""plan":{"vpcId":"vpc-bp1opxu1zkhn00gzv2xx","subnetId":"vsw-bp1s5fnvk4gn2tws03xx","zone":"cn-hangzhou-i","securityGroupIds":["sg-bp1fg655nh68xyz9ixx"],"privateIpAddresses":[{"address":"172.16.0.4","primary":true,"source":"free"}]"#,
                    #""quota":{"used":1,"limit":null}"#, #""signed":null"#] {
            #expect(text.contains(key), "\(key) in \(text)")
        }
    }
}
