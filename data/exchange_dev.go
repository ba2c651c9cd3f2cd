package data

import (
	"database/sql"
	"encoding/json"
	"errors"
)

// 发展党员 in the exchange: a branch's candidates and their steps travel
// both ways as records (the branch keeps the file, the office may
// correct). What a step does to the roster (a new member at step 17,
// 转正 at step 23) is not replayed on arrival: the member's own record
// travels beside it (up: as a 待确认 proposal).

var xchgDevCandidates = &xchgHandler{
	entity: EntityDevCandidate, down: true, up: true,
	scope: func(x *xchg) ([]int64, error) {
		return x.tx.ids("SELECT id FROM dev_candidates WHERE branch_id = ? ORDER BY id", x.branchID)
	},
	form: func(x *xchg, id int64) (map[string]any, bool, error) {
		c, err := scanDevCandidate(x.tx.queryRow(devCandidateSelect+" WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		} else if err != nil {
			return nil, false, err
		}
		m, err := toMap(c)
		if err != nil {
			return nil, false, err
		}
		delete(m, "id")
		var deleted bool
		x.tx.queryRow("SELECT deleted_at IS NOT NULL FROM dev_candidates WHERE id = ?", id).Scan(&deleted)
		if deleted {
			m["deleted"] = true
		}
		if _, ok := m["member_id"]; !ok {
			m["member_id"] = json.Number("0")
		}
		if err := x.refOut(m, "member_id", EntityMember); err != nil {
			return nil, false, err
		}
		return m, true, x.refOut(m, "branch_id", EntityOrgUnit)
	},
	refuse: func(x *xchg, _ int64, _, in map[string]any) error {
		if x.fromOffice {
			return nil
		}
		if b, _ := x.tx.localOf(EntityOrgUnit, mapStr(in, "branch_id")); b != x.branchID {
			return notTheBranch(b, "发展党员档案不属于发出此包的党支部")
		}
		return nil
	},
	apply: func(x *xchg, id int64, data map[string]any) (int64, error) {
		d := cloneMap(data)
		if err := x.refIn(d, "member_id", EntityMember); err != nil {
			return 0, err
		}
		if err := x.refIn(d, "branch_id", EntityOrgUnit); err != nil {
			return 0, err
		}
		deleted := d["deleted"] == true
		delete(d, "deleted")
		var c DevCandidate
		if err := fromMap(d, &c); err != nil {
			return 0, err
		}
		c.ID = id
		if deleted {
			if id == 0 {
				return 0, nil
			}
			return id, x.tx.softDelete(EntityDevCandidate, "dev_candidates", id)
		}
		if id != 0 {
			if _, err := x.tx.exec("UPDATE dev_candidates SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL", id); err != nil {
				return 0, err
			}
		}
		out, _, err := x.tx.SaveDevCandidate(RoleOffice, c)
		return out.ID, err
	},
	name: func(d map[string]any) string { return mapStr(d, "name") },
}

var xchgDevSteps = &xchgHandler{
	entity: EntityDevStep, down: true, up: true,
	scope: func(x *xchg) ([]int64, error) {
		return x.tx.ids(`SELECT s.id FROM dev_steps s JOIN dev_candidates c ON c.id = s.candidate_id WHERE c.branch_id = ? ORDER BY s.id`, x.branchID)
	},
	form: func(x *xchg, id int64) (map[string]any, bool, error) {
		var deleted bool
		var cand int64
		var step int
		err := x.tx.queryRow("SELECT deleted_at IS NOT NULL, candidate_id, step FROM dev_steps WHERE id = ?", id).Scan(&deleted, &cand, &step)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		} else if err != nil {
			return nil, false, err
		}
		var m map[string]any
		if deleted {
			m = map[string]any{"candidate_id": json.Number(formatInt(cand)), "step": json.Number(formatInt(int64(step))), "deleted": true}
		} else {
			r, err := x.tx.loadDevStep(id)
			if err != nil {
				return nil, false, err
			}
			if m, err = toMap(r); err != nil {
				return nil, false, err
			}
			delete(m, "id")
			people, _ := m["people"].([]any)
			for _, p := range people {
				if pm, ok := p.(map[string]any); ok {
					if _, ok := pm["member_id"]; !ok {
						pm["member_id"] = json.Number("0")
					}
					if err := x.refOut(pm, "member_id", EntityMember); err != nil {
						return nil, false, err
					}
				}
			}
		}
		var name string
		x.tx.queryRow("SELECT name FROM dev_candidates WHERE id = ?", cand).Scan(&name)
		m["candidate_name"] = name
		return m, true, x.refOut(m, "candidate_id", EntityDevCandidate)
	},
	refuse: func(x *xchg, _ int64, _, in map[string]any) error {
		if x.fromOffice {
			return nil
		}
		c, _ := x.tx.localOf(EntityDevCandidate, mapStr(in, "candidate_id"))
		var branch int64
		x.tx.queryRow("SELECT branch_id FROM dev_candidates WHERE id = ?", c).Scan(&branch)
		if c != 0 && branch != x.branchID {
			return forbidden("发展党员步骤记录不属于发出此包的党支部")
		}
		return nil
	},
	apply: func(x *xchg, id int64, data map[string]any) (int64, error) {
		d := cloneMap(data)
		if err := x.refIn(d, "candidate_id", EntityDevCandidate); err != nil {
			return 0, err
		}
		delete(d, "candidate_name")
		if d["deleted"] == true {
			if id == 0 {
				return 0, nil
			}
			old, err := x.tx.loadDevStep(id)
			if errors.Is(err, ErrNotFound) {
				return id, nil
			} else if err != nil {
				return 0, err
			}
			if _, err := x.tx.exec("UPDATE dev_steps SET deleted_at = ?, updated_at = ? WHERE id = ?", x.tx.at, x.tx.at, id); err != nil {
				return 0, err
			}
			return id, x.tx.audit(EntityDevStep, id, ActionDelete, old, map[string]any{"id": id, "step": old.Step, "deleted": true})
		}
		if people, ok := d["people"].([]any); ok {
			cp := make([]any, len(people))
			for i, p := range people {
				pm, _ := p.(map[string]any)
				pm = cloneMap(pm)
				if err := x.refIn(pm, "member_id", EntityMember); err != nil {
					return 0, err
				}
				cp[i] = pm
			}
			d["people"] = cp
		}
		var r DevStepRecord
		if err := fromMap(d, &r); err != nil {
			return 0, err
		}
		r.ID = id
		mats, _ := json.Marshal(devNonNil(r.Materials))
		vote := [5]any{}
		if r.Vote != nil {
			vote = [5]any{r.Vote.Expected, r.Vote.Present, r.Vote.Yes, r.Vote.No, r.Vote.Abstain}
		}
		var old *DevStepRecord
		if id == 0 {
			res, err := x.tx.exec(`INSERT INTO dev_steps(candidate_id, step, date, note, vote_expected, vote_present, vote_yes,
				vote_no, vote_abstain, outcome, extend_months, training_days, training_hours, materials, created_at, updated_at)
				VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, r.CandidateID, r.Step, r.Date, r.Note,
				vote[0], vote[1], vote[2], vote[3], vote[4], r.Outcome, r.ExtendMonths, r.TrainingDays, r.TrainingHours,
				string(mats), x.tx.at, x.tx.at)
			if err != nil {
				return 0, err
			}
			if r.ID, err = res.LastInsertId(); err != nil {
				return 0, err
			}
		} else {
			o, err := x.tx.loadDevStep(id)
			if err != nil && !errors.Is(err, ErrNotFound) {
				return 0, err
			}
			if err == nil {
				old = &o
			}
			if _, err := x.tx.exec(`UPDATE dev_steps SET candidate_id = ?, step = ?, date = ?, note = ?, vote_expected = ?, vote_present = ?,
				vote_yes = ?, vote_no = ?, vote_abstain = ?, outcome = ?, extend_months = ?, training_days = ?,
				training_hours = ?, materials = ?, updated_at = ?, deleted_at = NULL WHERE id = ?`, r.CandidateID, r.Step, r.Date, r.Note,
				vote[0], vote[1], vote[2], vote[3], vote[4], r.Outcome, r.ExtendMonths, r.TrainingDays, r.TrainingHours,
				string(mats), x.tx.at, id); err != nil {
				return 0, err
			}
			if _, err := x.tx.exec("DELETE FROM dev_step_people WHERE step_id = ?", id); err != nil {
				return 0, err
			}
		}
		for _, pp := range r.People {
			if _, err := x.tx.exec("INSERT INTO dev_step_people(step_id, member_id, name, role, standing) VALUES (?,?,?,?,?)",
				r.ID, nullID(pp.MemberID), pp.Name, pp.Role, pp.Standing); err != nil {
				return 0, err
			}
		}
		if old == nil {
			action := ActionInsert
			if id != 0 {
				action = ActionRestore
			}
			return r.ID, x.tx.audit(EntityDevStep, r.ID, action, nil, r)
		}
		return r.ID, x.tx.audit(EntityDevStep, r.ID, ActionUpdate, *old, r)
	},
	name: func(d map[string]any) string {
		return joinNonEmpty(" ", mapStr(d, "candidate_name"), "第 "+mapStr(d, "step")+" 步")
	},
}
