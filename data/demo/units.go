package demo

// The organisation the demo builds: one bus company's 党总支 with its
// branches, and the jobs people hold in each. Kept as data so the generator
// has no branch-specific code.

const (
	// company is the employer; the seal names derive from it.
	company = "济南市公共交通集团有限公司第一分公司"
	// areaCode is Jinan's, for the landlines of the units.
	areaCode = "0531"
	// rootFull is the 党总支 as its seal reads.
	rootFull  = "中共" + company + "总支部委员会"
	rootShort = "第一分公司党总支"
)

// eduClass selects the 学历 distribution of a job.
type eduClass int

const (
	eduWorker  eduClass = iota // drivers, mechanics, station staff
	eduOffice                  // dispatchers, technicians
	eduCadre                   // office staff and managers
	eduRetired                 // people who started work decades ago
)

// job is a 岗位 within a branch. Weight is its share of the branch, Male the
// percentage of men in it (driving and repair are mostly men, the office
// and the dispatch room much less so), Base the monthly after-tax pay range
// in 元 from which the 党费基数 is drawn.
type job struct {
	Post    string
	Weight  int
	Male    int
	Edu     eduClass
	Base    [2]int
	Admin   []string // 行政职务 held by some in this job
	Titles  []string // 职称 held by some in this job
	Agency  int      // percentage of 劳务派遣 staff
	Reward  bool     // whether the driver-style honours fit
	Veteran bool     // whether ex-army people are common here
	From    []string // for pensioners: the branches (Seal) the job was in; nil = any
}

// branchSpec describes one 党支部. Weight is its share of the members (the
// weights add up to 300, the default size, so at 300 members each branch
// gets exactly its weight). Units are the 车队/部门 its members work in.
type branchSpec struct {
	Short      string // 简称: 第一车队党支部
	Seal       string // the part of the seal name between the company and 支部
	Kind       string
	Weight     int
	FoundedAgo [2]int // years before AsOf
	Units      []string
	Jobs       []job
	Retired    bool // 离退休党支部: members are pensioners
	Office     bool // 机关党支部: the 党总支 committee is drawn from it
}

// fleets are the Seal names of the bus fleets (车队).
var fleets = []string{"第一车队", "第二车队", "第三车队"}

var fleetJobs = []job{
	{Post: "驾驶员", Weight: 80, Male: 88, Edu: eduWorker, Base: [2]int{5200, 8200}, Agency: 4, Reward: true, Veteran: true},
	{Post: "安全员", Weight: 6, Male: 70, Edu: eduWorker, Base: [2]int{4800, 6500}, Veteran: true},
	{Post: "线路长", Weight: 5, Male: 85, Edu: eduWorker, Base: [2]int{6000, 8500}, Admin: []string{"线路长"}, Reward: true},
	{Post: "稽查员", Weight: 3, Male: 60, Edu: eduWorker, Base: [2]int{4600, 6200}},
	{Post: "调度员", Weight: 4, Male: 40, Edu: eduOffice, Base: [2]int{4500, 6500}},
	{Post: "管理人员", Weight: 2, Male: 75, Edu: eduOffice, Base: [2]int{7500, 10500}, Admin: []string{"车队长", "副车队长"},
		Titles: []string{"助理经济师", "经济师"}},
}

var branchSpecs = []branchSpec{
	{Short: "第一车队党支部", Seal: "第一车队", Kind: "党支部", Weight: 58, FoundedAgo: [2]int{38, 41},
		Units: []string{"第一车队"}, Jobs: fleetJobs},
	{Short: "第二车队党支部", Seal: "第二车队", Kind: "党支部", Weight: 50, FoundedAgo: [2]int{36, 40},
		Units: []string{"第二车队"}, Jobs: fleetJobs},
	{Short: "第三车队党支部", Seal: "第三车队", Kind: "党支部", Weight: 44, FoundedAgo: [2]int{25, 32},
		Units: []string{"第三车队"}, Jobs: fleetJobs},
	{Short: "机务保修党支部", Seal: "机务保修", Kind: "党支部", Weight: 38, FoundedAgo: [2]int{33, 39},
		Units: []string{"机务保修车间", "机务保修车间", "机务保修车间", "新能源车辆维修班"},
		Jobs: []job{
			{Post: "修理工", Weight: 55, Male: 95, Edu: eduWorker, Base: [2]int{5000, 7800}, Titles: []string{"技师", "高级技师"}, Veteran: true},
			{Post: "电工", Weight: 10, Male: 90, Edu: eduWorker, Base: [2]int{5000, 7500}, Titles: []string{"技师"}},
			{Post: "钣金工", Weight: 8, Male: 95, Edu: eduWorker, Base: [2]int{4900, 7200}},
			{Post: "质检员", Weight: 9, Male: 70, Edu: eduOffice, Base: [2]int{5200, 7600}},
			{Post: "技术员", Weight: 10, Male: 75, Edu: eduOffice, Base: [2]int{5500, 9000}, Titles: []string{"助理工程师", "工程师"}},
			{Post: "材料员", Weight: 5, Male: 40, Edu: eduOffice, Base: [2]int{4600, 6500}},
			{Post: "管理人员", Weight: 3, Male: 80, Edu: eduOffice, Base: [2]int{8000, 11000}, Admin: []string{"车间主任", "车间副主任"},
				Titles: []string{"工程师", "高级工程师"}},
		}},
	{Short: "调度中心党支部", Seal: "调度中心", Kind: "党支部", Weight: 22, FoundedAgo: [2]int{12, 18},
		Units: []string{"智能调度中心"},
		Jobs: []job{
			{Post: "调度员", Weight: 60, Male: 45, Edu: eduOffice, Base: [2]int{4800, 7000}},
			{Post: "值班长", Weight: 15, Male: 60, Edu: eduOffice, Base: [2]int{6000, 8000}},
			{Post: "信息员", Weight: 15, Male: 30, Edu: eduOffice, Base: [2]int{4500, 6200}, Titles: []string{"助理工程师"}},
			{Post: "管理人员", Weight: 5, Male: 60, Edu: eduCadre, Base: [2]int{8000, 11000}, Admin: []string{"主任", "副主任"},
				Titles: []string{"工程师"}},
		}},
	{Short: "机关党支部", Seal: "机关", Kind: "党支部", Weight: 36, FoundedAgo: [2]int{38, 41}, Office: true,
		Units: []string{"办公室", "党群工作部", "人力资源部", "财务部", "安全技术部", "运营管理部", "工会"},
		Jobs: []job{
			{Post: "管理人员", Weight: 60, Male: 50, Edu: eduCadre, Base: [2]int{5500, 9500}, Admin: []string{"部长", "副部长", "主管"},
				Titles: []string{"助理经济师", "经济师", "政工师", "高级政工师"}},
			{Post: "会计", Weight: 8, Male: 25, Edu: eduCadre, Base: [2]int{5000, 8000}, Titles: []string{"助理会计师", "会计师"}},
			{Post: "出纳", Weight: 3, Male: 20, Edu: eduCadre, Base: [2]int{4500, 6500}},
			{Post: "安全管理员", Weight: 10, Male: 75, Edu: eduOffice, Base: [2]int{5200, 8000}, Titles: []string{"助理工程师", "工程师"}},
			{Post: "经营管理人员", Weight: 4, Male: 70, Edu: eduCadre, Base: [2]int{11000, 16000}, Admin: []string{"经理", "副经理"},
				Titles: []string{"高级经济师", "高级工程师"}},
		}},
	{Short: "场站管理党支部", Seal: "场站管理", Kind: "党支部", Weight: 6, FoundedAgo: [2]int{5, 7},
		Units: []string{"场站管理中心"},
		Jobs: []job{
			{Post: "场站管理员", Weight: 40, Male: 70, Edu: eduWorker, Base: [2]int{4000, 5600}, Agency: 20},
			{Post: "充电工", Weight: 30, Male: 85, Edu: eduWorker, Base: [2]int{3800, 5200}, Agency: 40},
			{Post: "安保员", Weight: 20, Male: 90, Edu: eduWorker, Base: [2]int{3200, 4300}, Agency: 60, Veteran: true},
			{Post: "管理人员", Weight: 10, Male: 70, Edu: eduOffice, Base: [2]int{6500, 9000}, Admin: []string{"站长", "副站长"}},
		}},
	{Short: "离退休党支部", Seal: "离退休职工", Kind: "离退休党支部", Weight: 46, FoundedAgo: [2]int{26, 30},
		Retired: true, // WorkUnit names the branch they retired from

		Jobs: []job{
			{Post: "驾驶员", Weight: 60, Male: 80, Edu: eduRetired, Base: [2]int{3000, 5200}, Veteran: true, From: fleets},
			{Post: "修理工", Weight: 20, Male: 90, Edu: eduRetired, Base: [2]int{3000, 5000}, From: []string{"机务保修"}},
			{Post: "售票员", Weight: 10, Male: 5, Edu: eduRetired, Base: [2]int{2800, 4200}, From: fleets},
			{Post: "管理人员", Weight: 10, Male: 60, Edu: eduRetired, Base: [2]int{4500, 6800}},
		}},
}

// committeeTitles are the 支部委员会 posts for a committee of 3, 4 and 5
// (index 0, 1, 2), in the order they are filled.
var committeeTitles = [][]string{
	{"书记", "组织委员", "宣传委员"},
	{"书记", "组织委员", "宣传委员", "纪检委员"},
	{"书记", "副书记", "组织委员", "宣传委员", "纪检委员"},
}

// groupOrdinals name the 党小组 of a branch.
var groupOrdinals = []string{"第一", "第二", "第三"}
