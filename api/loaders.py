"""Every DataLoader of a request, built lazily so unused ones cost nothing."""

from __future__ import annotations

from functools import cached_property

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from api import loading
from api.auth.models import Account
from api.projects.models import Deliverable, Milestone, ProjectRequest, ProjectSkill
from api.reviews.dataloaders import RatingPriorLoader, ReviewPageLoader
from api.vendors.models import Vendor, VendorCertification, VendorExpertise, VendorLanguage


class Loaders:
    """`<Thing>By<Key>` loaders for one request; mutations clear what they change."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _by_key(self, model, key) -> DataLoader:  # type: ignore[no-untyped-def]
        return DataLoader(lambda keys: loading.by_key(self.session, model, key, keys))

    def _grouped(self, model, key, order_by=()) -> DataLoader:  # type: ignore[no-untyped-def]
        return DataLoader(
            lambda keys: loading.grouped(self.session, model, key, keys, order_by=order_by)
        )

    @cached_property
    def vendor_by_id(self) -> DataLoader[int, Vendor | None]:
        return self._by_key(Vendor, Vendor.id)

    @cached_property
    def vendor_by_owner_id(self) -> DataLoader[int, Vendor | None]:
        return self._by_key(Vendor, Vendor.owner_id)

    @cached_property
    def account_by_id(self) -> DataLoader[int, Account | None]:
        return self._by_key(Account, Account.id)

    @cached_property
    def project_by_id(self) -> DataLoader[int, ProjectRequest | None]:
        return self._by_key(ProjectRequest, ProjectRequest.id)

    @cached_property
    def languages_by_vendor_id(self) -> DataLoader[int, list[VendorLanguage]]:
        return self._grouped(VendorLanguage, VendorLanguage.vendor_id, (VendorLanguage.code,))

    @cached_property
    def expertise_by_vendor_id(self) -> DataLoader[int, list[VendorExpertise]]:
        return self._grouped(
            VendorExpertise,
            VendorExpertise.vendor_id,
            (VendorExpertise.years.desc(), VendorExpertise.tag_id),
        )

    @cached_property
    def certifications_by_vendor_id(self) -> DataLoader[int, list[VendorCertification]]:
        return self._grouped(
            VendorCertification, VendorCertification.vendor_id, (VendorCertification.code,)
        )

    @cached_property
    def skills_by_project_id(self) -> DataLoader[int, list[ProjectSkill]]:
        return self._grouped(ProjectSkill, ProjectSkill.project_id, (ProjectSkill.tag_id,))

    @cached_property
    def deliverables_by_project_id(self) -> DataLoader[int, list[Deliverable]]:
        return self._grouped(Deliverable, Deliverable.project_id, (Deliverable.position,))

    @cached_property
    def milestones_by_project_id(self) -> DataLoader[int, list[Milestone]]:
        return self._grouped(Milestone, Milestone.project_id, (Milestone.position,))

    @cached_property
    def rating_prior(self) -> RatingPriorLoader:
        return RatingPriorLoader(self.session)

    @cached_property
    def review_page_by_vendor_id(self) -> ReviewPageLoader:
        return ReviewPageLoader(self.session)
