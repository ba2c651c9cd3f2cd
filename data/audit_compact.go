package data

import (
	"reflect"
	"slices"
	"sync"
)

// recordShapes is the record each entity writes to the log. The log's
// readers use it to know which keys a compact image leaves out when
// empty (marshalAudit) and the order of the record's fields; the registry
// test checks that every key of every shape is labelled.
var recordShapes = map[string]any{
	EntityOrgUnit: OrgUnit{}, EntityPost: Post{}, EntityMember: Member{}, EntityPhoto: photoAudit{},
	EntityEvent: MemberEvent{}, EntityDuesBase: DuesBase{}, EntityDuesPayment: DuesPayment{}, EntityDuesRule: duesRulesAudit{}, EntityMeeting: Meeting{}, EntityTemplate: MeetingTemplate{},
	EntityRule: MeetingRule{}, EntityAttachment: Attachment{}, EntityChecklistItem: ChecklistItem{},
	EntityChecklistScore: scoreRow{}, EntityTask: Task{}, EntityAssignment: Assignment{},
	EntityChecklistYear: map[string]any{"year": 0, "closed": true},
	EntitySetting:       map[string]string{"value": ""},
	EntityDevCandidate:  DevCandidate{}, EntityDevStep: DevStepRecord{Vote: &DevVoteCount{}}, EntityDevStepEdit: DevStep{},
	EntityStudyRecord: StudyRecord{}, EntityActivity: Activity{}, EntityPointsRule: PointsRule{},
	EntityQuestion: Question{}, EntityQuizResult: QuizResult{Answers: []QuizAnswer{{}}},
	EntityNotice: Notice{ReadBy: []int64{1}}, EntityNoticeRead: NoticeRead{}, EntityLibraryDoc: LibraryDoc{}, EntityWorklistItem: WorklistItem{},
	EntityXchgCopy: xchgPeer{}, EntityXchgPackage: xchgPackageRow{}, EntityXchgRecord: xchgRecordRow{}, EntityXchgSync: xchgSyncRow{},
	EntityXchgPending: xchgPendingRow{}, EntityXchgConflict: xchgConflictRow{},
}

// imageKeys is what the log knows of an entity's flat record: the keys a
// compact image leaves out when empty, the keys every whole image has,
// and the order of all of them.
type imageKeys struct {
	omittable map[string]bool // text and date fields
	required  []string        // numbers and flags without omitempty: always written
	order     map[string]int
}

var imageKeysCache sync.Map // entity → *imageKeys (nil: not a flat record)

// imageKeysOf describes entity's record, or nil when it is not flat (its
// images are encoding/json's, whole but for omitempty fields).
func imageKeysOf(entity string) *imageKeys {
	if v, ok := imageKeysCache.Load(entity); ok {
		k, _ := v.(*imageKeys)
		return k
	}
	var out *imageKeys
	if shape, ok := recordShapes[entity]; ok {
		t := reflect.TypeOf(shape)
		if t.Kind() == reflect.Struct {
			if fields := flatFields(t); fields != nil {
				out = &imageKeys{omittable: map[string]bool{}, order: map[string]int{}}
				for i, f := range fields {
					key := string(f.key[1 : len(f.key)-2]) // `"name":` → name
					out.order[key] = i
					switch {
					case f.kind == reflect.String || f.date:
						out.omittable[key] = true
					case !f.omitEmpty:
						out.required = append(out.required, key)
					}
				}
			}
		}
	}
	imageKeysCache.Store(entity, out)
	return out
}

// whole says whether an image with these keys is the whole record (not a
// partial one such as {"deleted": true}): a key it leaves out is empty.
func (k *imageKeys) whole(has func(string) bool) bool {
	if k == nil || len(k.required) == 0 {
		return false
	}
	for _, r := range k.required {
		if !has(r) {
			return false
		}
	}
	return true
}

// merge lists the keys of an after and a before image once each, in the
// record's order: a compact image may lack a key the other has (a field
// cleared or filled), which document order alone would put last. Keys the
// record does not know keep their document order, after the known ones.
func (k *imageKeys) merge(after, before []string) []string {
	out := make([]string, 0, len(after)+len(before))
	seen := make(map[string]bool, len(after))
	for _, key := range append(after, before...) {
		if !seen[key] {
			seen[key] = true
			out = append(out, key)
		}
	}
	if k == nil {
		return out
	}
	rank := func(key string) int {
		if i, ok := k.order[key]; ok {
			return i
		}
		return len(k.order)
	}
	slices.SortStableFunc(out, func(a, b string) int { return rank(a) - rank(b) })
	return out
}
