package data

import (
	"reflect"
	"sync"
	"testing"
)

// shapeMismatches are the flat records the tests logged under an entity
// whose registered shape is another type: replay would read such a
// record's missing keys wrongly. openTest's cleanup fails on any.
var shapeMismatches sync.Map // "entity type" → true

func init() { auditShapeCheck = checkShapes }

func checkShapes(entity string, records ...any) {
	for _, v := range records {
		rv := reflect.Indirect(reflect.ValueOf(v))
		if !rv.IsValid() || rv.Kind() != reflect.Struct || flatFields(rv.Type()) == nil {
			continue
		}
		if shape, ok := recordShapes[entity]; !ok || reflect.TypeOf(shape) != rv.Type() {
			shapeMismatches.Store(entity+" "+rv.Type().String(), true)
		}
	}
}

// failOnShapeMismatch reports the records logged under another shape.
func failOnShapeMismatch(t *testing.T) {
	t.Helper()
	shapeMismatches.Range(func(k, _ any) bool {
		t.Errorf("a flat record logged as another entity's shape (add it to recordShapes or log the registered type): %s", k)
		return true
	})
}

// The check sees a record of the wrong shape, and lets the right one,
// a pointer to it and records that are not flat pass.
func TestShapeCheckCatchesAnotherType(t *testing.T) {
	checkShapes(EntityMember, Member{}, &Member{}, nil, map[string]any{"deleted": true}, Meeting{})
	if _, bad := shapeMismatches.Load(EntityMember + " data.Member"); bad {
		t.Error("a member logged as Member counted as a mismatch")
	}
	checkShapes(EntityMember, OrgUnit{})
	key := EntityMember + " data.OrgUnit"
	if _, bad := shapeMismatches.LoadAndDelete(key); !bad {
		t.Error("an OrgUnit logged as a member was not noticed")
	}
}
