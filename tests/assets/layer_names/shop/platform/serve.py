import uvicorn

from shop.adapters.entrypoints.application import create_app

if __name__ == "__main__":
    uvicorn.run(create_app())
