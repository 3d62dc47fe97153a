import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel

from account.application.create_account.command import CreateAccountCommand
from account.application.create_account.handler import CreateAccountHandler
from account.application.get_account.handler import AccountView, GetAccountHandler
from account.domain import AccountNotFoundError
from account.infrastructure.http.dependencies import get_create_account_handler, get_get_account_handler

router = APIRouter(prefix="/accounts", tags=["accounts"])


class CreateAccountBody(BaseModel):
    email: str
    display_name: str


class CreatedResponse(BaseModel):
    id: str


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CreatedResponse)
async def create_account(
    body: CreateAccountBody,
    handler: Annotated[CreateAccountHandler, Depends(get_create_account_handler)],
) -> CreatedResponse:
    account_id = await handler(CreateAccountCommand(email=body.email, display_name=body.display_name))
    return CreatedResponse(id=str(account_id))


@router.get("/{account_id}")
async def get_account(
    account_id: uuid.UUID,
    handler: Annotated[GetAccountHandler, Depends(get_get_account_handler)],
) -> AccountView:
    try:
        return await handler(account_id)
    except AccountNotFoundError as exc:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=exc.message) from exc
