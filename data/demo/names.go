package demo

// Tables for people: names, places, schools. They are plain slices so the
// generator draws from them by index, never by ranging over a map, and the
// same seed always gives the same people.

// surnamesCommon are drawn most of the time. Repeats weight the commonest
// (王, 李, 张, 刘 are far more frequent in Shandong than the rest).
var surnamesCommon = []string{
	"王", "王", "王", "李", "李", "李", "张", "张", "张", "刘", "刘", "刘",
	"陈", "杨", "杨", "赵", "赵", "孙", "孙", "徐", "马", "高", "于", "于",
	"宋", "郭", "韩", "田", "丁", "吕", "孔", "周", "吴", "朱", "胡", "黄",
	"林", "郑", "梁", "许", "冯", "曹", "彭", "袁", "董", "苏", "魏", "姜",
	"崔", "任", "史", "邢", "薛", "贾", "侯", "尹", "袁", "段", "秦", "石",
}

// surnamesLess are regional or less frequent surnames.
var surnamesLess = []string{
	"曲", "牛", "毕", "房", "宫", "鞠", "隋", "亓", "逯", "訾", "巩", "衣",
	"谭", "荆", "路", "褚", "臧", "展", "栾", "仲", "颜", "伊", "相", "满",
	"蒋", "沈", "姚", "卢", "钟", "陆", "汪", "范", "金", "廖", "夏", "方",
	"白", "邹", "孟", "熊", "邱", "江", "闫", "雷", "龙", "陶", "贺", "顾",
	"毛", "郝", "龚", "邵", "万", "钱", "严", "武", "戴", "莫", "向", "汤",
}

// surnamesRare are used sparingly: characters whose surname reading differs
// from the everyday one (单 Shàn, 曾 Zēng, 解 Xiè, 仇 Qiú, 区 Ōu, 查 Zhā,
// 盖 Gě, 乐 Yuè, 朴 Piáo), which trip up sorting by pinyin, and compound
// surnames, which make four-character names.
var surnamesRare = []string{
	"单", "曾", "解", "仇", "区", "查", "盖", "乐", "朴",
	"欧阳", "司马", "诸葛", "上官",
}

// Given names change with the generation: people born before about 1975 have
// the names of their era (建国, 秀英), younger people do not. About a quarter
// are single characters, which make two-character names.
var givenMaleOlder = []string{
	"建国", "建华", "建军", "建平", "建民", "国庆", "国强", "国华", "国栋", "国良",
	"卫东", "卫国", "卫平", "志刚", "志强", "志勇", "志华", "振华", "振东", "宝山",
	"宝华", "德胜", "德明", "德才", "长江", "长胜", "玉林", "玉华", "春生", "春林",
	"俊峰", "庆云", "庆华", "庆丰", "立新", "立军", "红军", "红兵", "金山", "金亮",
	"永刚", "永胜", "永生", "学军", "学文", "保国", "保军", "文杰", "文华", "继东",
	"洪涛", "洪亮", "传海", "传福", "广利", "广军", "兆祥", "延军", "化民", "茂林",
	"殿军", "福生", "新民", "胜利", "爱民", "拥军", "向阳", "东升", "庆林", "宪忠",
	"明", "军", "勇", "刚", "强", "伟", "斌", "涛", "兵", "波", "峰", "杰", "平", "健", "毅", "忠",
}

var givenFemaleOlder = []string{
	"秀英", "桂英", "秀兰", "玉兰", "桂兰", "淑珍", "丽华", "红梅", "凤英", "玉珍",
	"秀珍", "桂芳", "美华", "淑英", "春梅", "爱华", "秀云", "秀芳", "翠英", "桂荣",
	"凤兰", "金凤", "玉梅", "丽娟", "建萍", "红霞", "素梅", "淑华", "兰芳", "爱玲",
	"玉霞", "秀梅", "桂香", "海燕", "春兰", "玉芬", "淑芬", "丽萍", "爱萍", "红英",
	"卫红", "冬梅", "雪梅", "玉凤", "桂珍", "文华", "晓红", "晓梅", "秀华", "立华",
	"丽", "红", "艳", "霞", "敏", "静", "芳", "玲", "燕", "萍", "英", "颖", "莉", "娟",
}

var givenMaleYounger = []string{
	"浩然", "博文", "宇航", "子轩", "俊杰", "一鸣", "志远", "晓东", "文博", "家豪",
	"嘉伟", "泽宇", "昊天", "明轩", "天宇", "梓豪", "晨阳", "国栋", "海洋", "晓峰",
	"振宇", "建伟", "立伟", "鹏飞", "春雷", "海涛", "云龙", "光辉", "新宇", "凯文",
	"晓明", "晓光", "树森", "旭东", "志鹏", "宏伟", "永强", "亚军", "学超", "洪波",
	"金龙", "少华", "宁波", "德龙", "长青", "向东", "瑞祥", "俊凯", "子豪", "思远",
	"晓阳", "东旭", "伟强", "利民", "庆伟", "传强", "成龙", "广宇", "鸿飞", "兆辉",
	"浩", "宇", "磊", "鹏", "超", "杰", "凯", "帅", "飞", "鑫", "昊", "晨", "亮", "琦",
	"震", "坤", "森", "岩", "阳", "彬", "旭", "辉",
}

var givenFemaleYounger = []string{
	"晓燕", "婷婷", "欣怡", "梦瑶", "雨涵", "思雨", "佳琪", "丽娜", "晓雪", "雅琪",
	"文静", "慧敏", "晓丽", "春燕", "海燕", "亚楠", "梦洁", "晓琳", "雪梅", "佳慧",
	"晓静", "丽丽", "美玲", "红艳", "晓红", "秀娟", "亚男", "文娟", "倩倩", "晶晶",
	"玉婷", "珊珊", "艳红", "冬雪", "小敏", "莉莉", "海霞", "晓萌", "明月", "诗琪",
	"婷", "静", "丹", "倩", "璐", "琳", "洁", "晶", "雪", "莹", "佳", "悦", "蕾", "娜",
	"瑶", "薇", "蕊", "宁",
}

// minorities are the 民族 other than 汉族 found among the staff; 回族 leads
// because Jinan has an old Hui community.
var minorities = []string{"回族", "回族", "回族", "满族", "满族", "蒙古族", "朝鲜族", "土家族", "壮族"}

// region is a place of birth: its 6-digit code (the first six digits of the
// 公民身份号码), the name written as 出生地, and the short 籍贯 form.
type region struct {
	Code   string
	Place  string
	Native string
	Weight int
}

// birthRegions are real codes of Shandong, so every generated 公民身份号码
// is the kind of number a region table will recognise. Jinan dominates: the
// company hires locally.
var birthRegions = []region{
	{"370102", "山东省济南市历下区", "山东济南", 12},
	{"370103", "山东省济南市市中区", "山东济南", 12},
	{"370104", "山东省济南市槐荫区", "山东济南", 10},
	{"370105", "山东省济南市天桥区", "山东济南", 10},
	{"370112", "山东省济南市历城区", "山东济南", 12},
	{"370113", "山东省济南市长清区", "山东长清", 5},
	{"370114", "山东省济南市章丘区", "山东章丘", 6},
	{"370115", "山东省济南市济阳区", "山东济阳", 4},
	{"370116", "山东省济南市莱芜区", "山东莱芜", 3},
	{"370124", "山东省济南市平阴县", "山东平阴", 3},
	{"370126", "山东省济南市商河县", "山东商河", 3},
	{"370303", "山东省淄博市张店区", "山东淄博", 2},
	{"370481", "山东省枣庄市滕州市", "山东滕州", 1},
	{"370602", "山东省烟台市芝罘区", "山东烟台", 1},
	{"370702", "山东省潍坊市潍城区", "山东潍坊", 2},
	{"370802", "山东省济宁市任城区", "山东济宁", 2},
	{"370902", "山东省泰安市泰山区", "山东泰安", 3},
	{"370982", "山东省泰安市新泰市", "山东新泰", 1},
	{"371302", "山东省临沂市兰山区", "山东临沂", 2},
	{"371402", "山东省德州市德城区", "山东德州", 3},
	{"371425", "山东省德州市齐河县", "山东齐河", 2},
	{"371502", "山东省聊城市东昌府区", "山东聊城", 2},
	{"371602", "山东省滨州市滨城区", "山东滨州", 1},
	{"371702", "山东省菏泽市牡丹区", "山东菏泽", 1},
}

// otherNative are 籍贯 outside Shandong: the family came from there even
// though the person was born in Shandong.
var otherNative = []string{"河北沧州", "河北衡水", "河南濮阳", "河南商丘", "江苏徐州", "安徽宿州", "辽宁大连", "天津"}

// district is where a member lives: roads for the address and the 派出所 that
// keep the 户籍 there (named after their 街道, as Jinan's are).
type district struct {
	Name     string
	Roads    []string
	Stations []string
}

var districts = []district{
	{"历下区", []string{"文化东路", "和平路", "解放路", "历山路", "山大路", "燕子山路", "千佛山路", "经十路"},
		[]string{"文东派出所", "解放路派出所", "千佛山派出所", "甸柳派出所", "燕山派出所", "姚家派出所"}},
	{"市中区", []string{"经二路", "经四路", "纬二路", "英雄山路", "经七路", "舜耕路", "二环南路"},
		[]string{"大观园派出所", "魏家庄派出所", "杆石桥派出所", "四里村派出所", "舜耕派出所", "七贤派出所"}},
	{"槐荫区", []string{"经十路", "纬十二路", "张庄路", "腊山河西路", "济齐路", "经六路"},
		[]string{"振兴街派出所", "中大槐树派出所", "道德街派出所", "青年公园派出所", "营市街派出所", "匡山派出所"}},
	{"天桥区", []string{"北园大街", "堤口路", "无影山路", "标山路", "小清河北路", "济洛路"},
		[]string{"无影山派出所", "天桥东街派出所", "北坦派出所", "官扎营派出所", "宝华街派出所", "工人新村北村派出所"}},
	{"历城区", []string{"工业北路", "华山路", "花园路", "二环东路", "唐冶西路", "荷花路"},
		[]string{"洪家楼派出所", "东风派出所", "全福派出所", "华山派出所", "王舍人派出所", "唐冶派出所"}},
	{"长清区", []string{"大学路", "峰山路", "清河街", "长兴路"},
		[]string{"文昌派出所", "平安派出所", "崮云湖派出所"}},
	{"章丘区", []string{"汇泉路", "唐王山路", "山泉路", "绣水大街"},
		[]string{"明水派出所", "双山派出所", "埠村派出所"}},
}

// estates are housing estates (小区) used in addresses.
var estates = []string{
	"公交宿舍", "和平新村", "燕山小区", "舜华园", "阳光花园", "翡翠郡", "泉景花园", "绿景嘉园",
	"幸福家园", "鑫苑国际城市花园", "佛山苑", "东方花园", "馨苑小区", "名士豪庭", "银座花园", "祥泰城",
}

// mobilePrefixes are the first three digits of mainland mobile numbers.
var mobilePrefixes = []string{
	"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
	"153", "155", "156", "157", "158", "159", "166", "176", "177", "178", "180", "181",
	"182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
}

// Schools and majors by 学历. A 高中 graduate's record names the school only.
var (
	schoolsMiddle = []string{"济南市第三中学", "济南市第七中学", "济南市第十一中学", "济南市历城第二中学",
		"章丘市第四中学", "济阳县第一中学", "济南市第二十四中学", "商河县第一中学"}
	schoolsVocational = []string{"济南交通高级技工学校", "山东交通技师学院", "济南市公共交通职业学校",
		"济南第一职业中等专业学校", "济南市交通职业中等专业学校"}
	majorsVocational = []string{"汽车驾驶", "汽车修理", "汽车运用与维修", "电工", "财会", "机电设备维修"}
	schoolsCollege   = []string{"山东交通职业学院", "山东职业学院", "济南职业学院", "山东商业职业技术学院",
		"中共济南市委党校（在职）", "山东广播电视大学（在职）"}
	majorsCollege = []string{"汽车运用与维修技术", "交通运营管理", "机电一体化技术", "会计", "经济管理",
		"计算机应用技术", "新能源汽车技术", "行政管理"}
	schoolsUniversity = []string{"山东交通学院", "山东建筑大学", "山东财经大学", "济南大学", "齐鲁工业大学",
		"山东理工大学", "山东师范大学", "中共山东省委党校（在职）"}
	majorsUniversity = []string{"交通运输", "汽车服务工程", "车辆工程", "会计学", "工商管理", "汉语言文学",
		"计算机科学与技术", "行政管理", "人力资源管理", "法学", "思想政治教育"}
	schoolsGraduate = []string{"山东大学", "山东师范大学", "山东财经大学", "长安大学", "北京交通大学", "同济大学"}
	majorsGraduate  = []string{"交通运输工程", "管理科学与工程", "马克思主义理论", "会计学", "车辆工程", "公共管理"}
)

// Branches where members who transferred in were admitted: the army (many
// drivers are veterans), universities, other employers.
var (
	armyBranches = []string{
		"中国人民解放军某部汽车连党支部",
		"中国人民解放军某部三营九连党支部",
		"中国人民解放军某部运输营二连党支部",
		"中国人民武装警察部队山东省总队某支队党支部",
	}
	schoolBranches = []string{
		"山东交通学院汽车工程学院学生第一党支部",
		"山东财经大学会计学院学生党支部",
		"济南大学文学院学生党支部",
		"山东交通职业学院学生党支部",
		"山东建筑大学管理工程学院学生党支部",
	}
	otherBranches = []string{
		"济南市公共交通集团有限公司第二分公司第五车队党支部",
		"济南市公共交通集团有限公司第三分公司机务保修党支部",
		"济南市公共交通集团有限公司第四分公司机关党支部",
		"济南长途汽车运输有限公司客运站党支部",
		"济南市出租汽车有限公司第二车队党支部",
		"中国重汽集团济南商用车有限公司总装车间党支部",
		"济南钢铁集团有限公司运输部党支部",
		"章丘区明水街道城东社区党支部",
	}
)

// transferDestinations are where members who left were transferred to.
var transferDestinations = []string{
	"济南市公共交通集团有限公司第二分公司党委",
	"济南市公共交通集团有限公司第三分公司党总支",
	"济南轨道交通集团运营有限公司党委",
	"历城区王舍人街道党工委",
	"济南市交通运输局机关党委",
	"青岛市城市公共交通集团有限公司党委",
}

// rewards are honours recorded on some dossiers; %d is a year.
var rewards = []string{
	"%d年度第一分公司优秀共产党员",
	"%d年度集团公司“安全行车标兵”",
	"%d年度集团公司先进工作者",
	"%d年度第一分公司“党员先锋岗”",
	"%d年度济南市交通运输系统优秀共产党员",
	"%d年度集团公司“服务明星”",
}

// punishments are rare and long closed, as a demo should show them.
var punishments = []string{
	"%d年受党内警告处分（处分期满，已解除）",
	"%d年受党内严重警告处分（处分期满，已解除）",
}

// remark is a free-text note for dossiers of members whose 岗位 is in Jobs
// (any 岗位 when Jobs is empty). Some are deliberately long so printed
// dossiers show how a wrapped 备注 looks. %d is a year.
type remark struct {
	Jobs []string
	Text string
}

var remarks = []remark{
	{[]string{"线路长"}, "%d年起担任线路长。"},
	{[]string{"驾驶员", "线路长"}, "该同志长期坚持在公交一线工作，连续十年安全行车无责任事故，多次收到乘客书面表扬和锦旗；" +
		"%d年起带领班组开展“党员先锋车”创建活动，所在线路被评为集团公司文明线路。"},
	{[]string{"修理工", "电工", "技术员"}, "%d年参加集团公司组织的新能源车辆维修技能培训并取得合格证书，" +
		"现负责新能源车辆电池管理系统的日常检修和故障排查工作。"},
	{nil, "家庭困难，%d年起列为公司帮扶对象。"},
	{[]string{"驾驶员"}, "%d年参加疫情防控志愿服务，承担定点医院通勤班车驾驶任务，表现突出，受到集团公司通报表扬。"},
	{nil, "%d年起本人申请按月交纳党费，由财务部代扣。"},
	{[]string{"管理人员", "经营管理人员", "安全管理员"}, "%d年被选派参加集团公司党校中青年干部培训班，结业考核优秀。"},
}

// floatingPlaces are where 流动党员 are: staff seconded to projects away
// from Jinan, pensioners living with their children.
var floatingPlaces = []string{"青岛市", "烟台市", "北京市", "上海市", "深圳市", "雄安新区"}
