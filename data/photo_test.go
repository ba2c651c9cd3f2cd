package data

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// TestMemberPhotosOfSome: MemberPhotos returns the current photos of the
// members asked for and no others, however many are asked for at once
// (more than one query's worth of IDs included).
func TestMemberPhotosOfSome(t *testing.T) {
	s, b1, _, _ := memberStore(t)
	var ids []int64
	for i := range 4 {
		m := validMember()
		m.Name = fmt.Sprintf("张%c", '一'+rune(i))
		m.IDNumber = fixID(fmt.Sprintf("11010519800517%03d", i+1))
		m.BranchID = b1.ID
		m, _, err := s.SaveMember(ctx, RoleOffice, m)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.ID)
	}
	photo := func(shade uint8) []byte {
		img := image.NewRGBA(image.Rect(0, 0, 60, 80))
		for x := range 60 {
			for y := range 80 {
				img.Set(x, y, color.RGBA{shade, uint8(x), uint8(y), 255})
			}
		}
		var buf bytes.Buffer
		png.Encode(&buf, img)
		return buf.Bytes()
	}
	for i, id := range ids[:3] {
		if err := s.SetMemberPhoto(ctx, RoleOffice, id, photo(uint8(40*i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetMemberPhoto(ctx, RoleOffice, ids[1], photo(200)); err != nil { // replaced
		t.Fatal(err)
	}
	if err := s.RemoveMemberPhoto(ctx, RoleOffice, ids[2]); err != nil {
		t.Fatal(err)
	}
	current := map[int64][]byte{}
	for _, id := range ids {
		jpg, err := s.MemberPhoto(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if jpg != nil {
			current[id] = jpg
		}
	}
	if len(current) != 2 {
		t.Fatalf("%d current photos, want 2", len(current))
	}
	many := []int64{ids[3]}
	for i := range 1200 {
		many = append(many, int64(100000+i))
	}
	many = append(many, ids[1], ids[2])
	for _, c := range []struct {
		ask  []int64
		want []int64
	}{
		{ids, []int64{ids[0], ids[1]}},
		{ids[1:2], ids[1:2]},
		{ids[2:], nil},
		{nil, nil},
		{many, ids[1:2]},
	} {
		got, err := s.MemberPhotos(ctx, c.ask)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(c.want) {
			t.Errorf("asked for %d members: %d photos, want %d", len(c.ask), len(got), len(c.want))
		}
		for _, id := range c.want {
			if !bytes.Equal(got[id], current[id]) {
				t.Errorf("member %d: not the current photo", id)
			}
		}
	}
}
