#pragma once
// Transition rows for the steps every review shares (actions, agency requests),
// for machines to place in the states where they apply: AddActionRow<Decided>.
// Include only from a machine's .cpp (MSM).

#include "../review_events.h"
#include "../review_steps.h"
#include "machine_support.h"

namespace casereview::workflows::msm_support {

template <class S>
using AddActionRow =
    boost::msm::front::Row<S, review::AddAction, S, Do<review::record_action_added>, If<review::new_action_ref>>;
template <class S>
using UpdateActionRow =
    boost::msm::front::Row<S, review::UpdateAction, S, Do<review::record_action_updated>,
                           All<OfferedWhen<review::an_action_unfinished>, If<review::action_can_be_updated>>>;
// Asking agencies records through `Record`, which names the purpose and the return rule.
template <class S, class Target, auto Record>
using AskAgenciesRow = boost::msm::front::Row<S, review::RequestAgencyInformation, Target, Do<Record>,
                                              If<review::agencies_not_already_awaited>>;
template <class S>
using AgencyReturnedRow =
    boost::msm::front::Row<S, review::RecordAgencyReturn, S, Do<review::record_agency_return>,
                           All<OfferedWhen<review::a_return_awaited>, If<review::agency_return_awaited>>>;
template <class S>
using RemindAgencyRow =
    boost::msm::front::Row<S, review::SendAgencyReminder, S, Do<review::record_agency_reminder>,
                           All<OfferedWhen<review::a_return_awaited>, If<review::agency_return_awaited>>>;

}  // namespace casereview::workflows::msm_support
